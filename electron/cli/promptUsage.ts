export const PROMPT_USAGE = `  talaria prompt --model FILE|ID --messages FILE.json [--tools FILE.json]
                 [--no-generation-prompt] [--data-dir DIR]
      Print exactly the text the model would be given for OpenAI-shaped messages (and tools),
      special tokens as text, without generating. The BOS token is printed first when llama.cpp
      adds it (tokenizer.ggml.add_bos_token); stderr says which template rendered it.`;

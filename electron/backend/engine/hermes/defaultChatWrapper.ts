import {
  ChatMLChatWrapper,
  resolveChatWrapper,
  type ChatWrapper,
  type LlamaModel,
} from 'node-llama-cpp';
import { HermesChatWrapper } from './HermesChatWrapper';
import { modelPromptInfoOf } from './modelPromptInfo';
import { specialTagsOf } from './specialTokens';

/**
 * The Hermes wrapper for models that speak ChatML or carry a Hermes `tool_use` template (for a
 * Hermes 3 GGUF node-llama-cpp itself picks ChatML, whose function syntax is not Hermes'), and
 * node-llama-cpp's own choice for any other model.
 */
export function defaultChatWrapper(model: LlamaModel): ChatWrapper {
  const resolved = resolveChatWrapper(model);
  const tokenizer = model.fileInfo.metadata.tokenizer as Record<string, unknown> | undefined;
  const toolTemplate = tokenizer?.['chat_template.tool_use'];
  const hermesTools = typeof toolTemplate === 'string' && toolTemplate.includes('<tool_call>');
  if (resolved instanceof ChatMLChatWrapper || hermesTools) {
    const info = modelPromptInfoOf(model.fileInfo.metadata);
    return new HermesChatWrapper({
      specialTokens: specialTagsOf(model),
      templates: info.templates,
      ...(info.eosText !== null && { eosToken: info.eosText }),
    });
  }
  return resolved;
}

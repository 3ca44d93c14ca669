import {
  ChatWrapper,
  LlamaText,
  SpecialToken,
  SpecialTokensText,
  type ChatModelFunctions,
  type ChatWrapperGenerateContextStateOptions,
  type ChatWrapperGeneratedContextState,
  type ChatWrapperSettings,
} from 'node-llama-cpp';
import {
  renderModelPrompt,
  type HermesTool,
  type ModelChatTemplates,
} from '../../../../shared/hermes';
import { fromHermesChatHistory } from './hermesHistory';
import { CHATML_TAGS, toLlamaText } from './specialTokens';

export interface HermesChatWrapperOptions {
  /**
   * The tools announced in the system turn (OpenAI shape, full JSON Schemas). When absent, the
   * `functions` node-llama-cpp passes in are used instead.
   */
  tools?: readonly HermesTool[];
  /**
   * Strings the model's vocabulary holds as special tokens (see `specialTagsOf`); their
   * occurrences in the prompt are evaluated as those tokens. Default: the ChatML turn tags.
   */
  specialTokens?: readonly string[];
  /** The model's own chat templates (from its GGUF); absent: the built-in Hermes 3 format. */
  templates?: ModelChatTemplates | null;
  /** The model's EOS text, for templates that write `eos_token`. */
  eosToken?: string;
}

const special = (text: string): SpecialTokensText => new SpecialTokensText(text);

/**
 * node-llama-cpp chat wrapper for the Nous Hermes format. The context it builds is the model's
 * own chat template rendered by `renderModelPrompt` (its `tool_use` template with tools, the
 * default one without), or the built-in Hermes 3 renderer where the model has none or its template
 * fails (`lastNote` says why), so the tokens evaluated are exactly what transformers would feed
 * the model; the BOS token is the model's own, added once as llama.cpp adds it. Function calls in the history (node-llama-cpp's
 * `functionCall` items) are rendered as the template's assistant `tool_calls` and `tool` turns.
 *
 * The function-calling settings describe the same syntax (`<tool_call>\n{"name": "…",
 * "arguments": …}\n</tool_call>`, results in one `tool` turn) for node-llama-cpp's own function
 * calling; Talaria's engine drives tool calls itself (see hermesGeneration.ts).
 */
export class HermesChatWrapper extends ChatWrapper {
  readonly wrapperName = 'Hermes';
  override readonly settings: ChatWrapperSettings = {
    supportsSystemMessages: true,
    functions: {
      call: {
        optionalPrefixSpace: true,
        prefix: LlamaText(special('<tool_call>'), '\n{"name": "'),
        paramsPrefix: '", "arguments": ',
        suffix: LlamaText('}\n', special('</tool_call>')),
        emptyCallParamsPlaceholder: {},
      },
      result: {
        prefix: LlamaText(special('<tool_response>'), '\n'),
        suffix: LlamaText('\n', special('</tool_response>')),
      },
      parallelism: {
        call: {
          sectionPrefix: '',
          betweenCalls: '\n',
          sectionSuffix: LlamaText(special('<|im_end|>'), '\n'),
        },
        result: {
          sectionPrefix: LlamaText(special('<|im_start|>'), 'tool\n'),
          betweenResults: '\n',
          sectionSuffix: LlamaText(special('<|im_end|>'), special('<|im_start|>'), 'assistant\n'),
        },
      },
    },
  };

  readonly templates: ModelChatTemplates | null;
  /** Why the last render used the built-in format instead of the model's template; or null. */
  lastNote: string | null = null;
  private tools: readonly HermesTool[] | null;
  private readonly specialTokens: readonly string[];
  readonly eosToken: string | undefined;

  constructor(options: HermesChatWrapperOptions = {}) {
    super();
    this.tools = options.tools && options.tools.length > 0 ? options.tools : null;
    this.specialTokens = options.specialTokens ?? CHATML_TAGS;
    this.templates = options.templates ?? null;
    this.eosToken = options.eosToken;
  }

  /**
   * The tools announced from the next prompt on. The engine keeps one wrapper and one LlamaChat
   * per loaded model (so the KV cache of a shared prefix is reused) and sets each reply's tools
   * here; one generation runs at a time, so a reply never sees another's tools.
   */
  setTools(tools: readonly HermesTool[] | undefined): void {
    this.tools = tools && tools.length > 0 ? tools : null;
  }

  /** The prompt text for a history (without the BOS token). */
  renderText(
    chatHistory: ChatWrapperGenerateContextStateOptions['chatHistory'],
    availableFunctions?: ChatModelFunctions,
  ): string {
    const { messages, prefill } = fromHermesChatHistory(chatHistory);
    const tools = this.tools ?? toolsFromFunctions(availableFunctions);
    const rendered = renderModelPrompt(messages, {
      templates: this.templates,
      tools,
      bosToken: '',
      ...(this.eosToken !== undefined && { eosToken: this.eosToken }),
    });
    this.lastNote = rendered.note;
    return rendered.text + prefill;
  }

  override generateContextState({
    chatHistory,
    availableFunctions,
  }: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState {
    const text = this.renderText(chatHistory, availableFunctions);
    return {
      contextText: LlamaText(new SpecialToken('BOS'), toLlamaText(text, this.specialTokens)),
      stopGenerationTriggers: [
        LlamaText(new SpecialToken('EOS')),
        LlamaText(special('<|im_end|>')),
        LlamaText('<|im_end|>'),
      ],
    };
  }
}

function toolsFromFunctions(functions: ChatModelFunctions | undefined): HermesTool[] {
  if (!functions) return [];
  return Object.entries(functions).map(([name, fn]) => ({
    type: 'function',
    function: {
      name,
      ...(fn.description !== undefined && { description: fn.description }),
      ...(fn.params != null && { parameters: fn.params as Record<string, unknown> }),
    },
  }));
}

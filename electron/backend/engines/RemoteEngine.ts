import { TalariaError } from '../../../shared/contract/errors';
import type { EngineStatus, GenerationStats } from '../../../shared/contract/types';
import { renderHermesPrompt, toolFunction, type HermesMessage } from '../../../shared/hermes';
import type {
  Engine,
  EngineGenerateOptions,
  EngineSamplingParams,
  EngineStreamCallbacks,
} from '../engine/Engine';
import { chatCompletionRequest } from './completionRequest';
import type { RemoteCapabilities } from './probeEngine';
import type { RemoteHttp } from './RemoteHttp';
import { runRemoteHermesGeneration } from './remoteHermesGeneration';
import { streamCompletion, type StreamedToolCall } from './streamCompletion';

export interface RemoteEngineOptions {
  http: RemoteHttp;
  capabilities: RemoteCapabilities;
  /** The server's model id to use; default its first. */
  model?: string;
}

type RemoteGenerateCallbacks = EngineStreamCallbacks;
type RemoteGenerateOptions = EngineGenerateOptions;
type SamplingParams = EngineSamplingParams;

/** The Hermes tags a Hermes GGUF holds as special tokens. */
const HERMES_TAGS = [
  '<|im_start|>',
  '<|im_end|>',
  '<tool_call>',
  '</tool_call>',
  '<tool_response>',
  '</tool_response>',
];

/** How a reply is produced on this server. */
export type RemoteMode = 'hermes-native' | 'chat';

/**
 * One model on a remote OpenAI-compatible server, with the same generate/countTokens shape as
 * the local engine. Where the server takes raw prompts, Talaria renders the Hermes prompt itself
 * and constrains output in the server's dialect (Hermes-native mode); otherwise it sends OpenAI
 * messages + tools (chat mode) and writes the server's tool calls back as Hermes `<tool_call>`
 * blocks, so whatever reads the reply sees one format.
 */
export class RemoteEngine implements Engine {
  readonly model: string;
  readonly mode: RemoteMode;

  constructor(private readonly options: RemoteEngineOptions) {
    const caps = options.capabilities;
    const model = options.model ?? caps.models[0];
    if (!model) {
      throw new TalariaError('MODEL_NOT_FOUND', `${options.http.name} lists no models.`);
    }
    if (caps.models.length > 0 && !caps.models.includes(model)) {
      throw new TalariaError(
        'MODEL_NOT_FOUND',
        `${options.http.name} has no model "${model}". It has: ${caps.models.join(', ')}.`,
      );
    }
    this.model = model;
    this.mode = caps.rawPrompt && caps.constraint !== 'chat' ? 'hermes-native' : 'chat';
  }

  private specialTokens: Promise<string[]> | null = null;

  get name(): string {
    return this.options.http.name;
  }

  /** Ready while the server answered its last probe; the model is the server's, not a file. */
  get status(): EngineStatus {
    const caps = this.options.capabilities;
    return {
      state: 'ready',
      backend: null,
      gpuNames: [],
      threads: 0,
      model: {
        path: `${this.name}/${this.model}`,
        name: this.model,
        sizeBytes: 0,
        architecture: null,
        contextSize: caps.contextSize ?? 0,
        trainContextSize: null,
        parameterCount: null,
        chatWrapper:
          this.mode === 'hermes-native' ? 'Hermes (rendered by Talaria)' : "server's chat template",
        hasToolUseTemplate: caps.chatTemplateToolUse !== null,
      },
      gpuLayers: 0,
      memory: null,
      lastError: null,
    };
  }

  async refreshStatus(): Promise<EngineStatus> {
    await this.options.http.getJson('/v1/models');
    return this.status;
  }

  load(): Promise<EngineStatus> {
    return Promise.reject(
      new TalariaError(
        'UNSUPPORTED',
        `${this.name} serves its own models: pick one of them instead of loading a file.`,
      ),
    );
  }

  /** Nothing to free here: the server keeps its model. */
  unload(): Promise<EngineStatus> {
    return Promise.resolve(this.status);
  }

  /** The exact prompt Hermes-native mode sends (no BOS: the server adds its own). */
  renderPrompt(messages: readonly HermesMessage[], options: RemoteGenerateOptions = {}): string {
    const tools = options.tools?.definitions ?? [];
    return renderHermesPrompt(messages, { bosToken: '', tools });
  }

  async generate(
    messages: HermesMessage[],
    sampling: SamplingParams,
    callbacks: RemoteGenerateCallbacks,
    options: RemoteGenerateOptions = {},
  ): Promise<{ text: string; stats: GenerationStats }> {
    if (this.mode === 'hermes-native') {
      return runRemoteHermesGeneration(
        {
          http: this.options.http,
          dialect: this.options.capabilities.constraint,
          model: this.model,
          prompt: this.renderPrompt(messages, options),
          sampling,
          signal: callbacks.signal,
          onText: callbacks.onText,
        },
        options,
      );
    }
    return this.generateChat(messages, sampling, callbacks, options);
  }

  /** A raw prompt continued with no chat template (`/v1/completions`, or Ollama's raw mode). */
  async complete(
    prompt: string,
    sampling: SamplingParams,
    callbacks: RemoteGenerateCallbacks,
  ): Promise<{ text: string; stats: GenerationStats }> {
    if (!this.options.capabilities.rawPrompt) {
      throw new TalariaError(
        'UNSUPPORTED',
        `${this.name} takes no raw prompt (it has no /v1/completions); use a chat request.`,
      );
    }
    return runRemoteHermesGeneration(
      {
        http: this.options.http,
        dialect: this.options.capabilities.constraint,
        model: this.model,
        prompt,
        sampling,
        signal: callbacks.signal,
        onText: callbacks.onText,
      },
      {},
    );
  }

  /**
   * Tokens of a text in the server's tokenizer where it has one (llama.cpp, vLLM); otherwise an
   * estimate of 4 characters a token, marked `estimate: true` so the inspector can say so.
   */
  async countTokens(
    text: string,
  ): Promise<{ count: number; specialTokens: string[]; estimate?: boolean }> {
    const tokens = await this.tokenize(text);
    if (tokens === null)
      return { count: Math.ceil(text.length / 4), specialTokens: [], estimate: true };
    return { count: tokens, specialTokens: await this.hermesSpecialTokens() };
  }

  private async tokenize(text: string): Promise<number | null> {
    const caps = this.options.capabilities;
    if (!caps.tokenizer) return null;
    const body =
      caps.kind === 'llama.cpp'
        ? { content: text, parse_special: true }
        : { model: this.model, prompt: text, add_special_tokens: false };
    const res = (await this.options.http.postJson('/tokenize', body)) as { tokens?: unknown[] };
    return Array.isArray(res.tokens) ? res.tokens.length : null;
  }

  /** Which Hermes tags the server's tokenizer reads as one token (asked once). */
  private hermesSpecialTokens(): Promise<string[]> {
    this.specialTokens ??= Promise.all(
      HERMES_TAGS.map(async (tag) => ((await this.tokenize(tag)) === 1 ? tag : null)),
    ).then((tags) => tags.filter((t): t is string => t !== null));
    return this.specialTokens;
  }

  private async generateChat(
    messages: HermesMessage[],
    sampling: SamplingParams,
    callbacks: RemoteGenerateCallbacks,
    options: RemoteGenerateOptions,
  ): Promise<{ text: string; stats: GenerationStats }> {
    const tools = options.tools;
    let tokens = 0;
    const outcome = await streamCompletion(
      this.options.http,
      chatCompletionRequest({
        model: this.model,
        messages,
        sampling,
        tools: tools?.definitions.map((t) => ({
          type: 'function' as const,
          function: { ...toolFunction(t) },
        })),
        toolChoice: tools?.choice,
        jsonSchema: options.jsonSchema,
      }),
      {
        signal: callbacks.signal,
        onText: (text) => callbacks.onText(text, ++tokens),
      },
    );
    const calls = outcome.toolCalls.map(hermesBlock).join('\n');
    if (calls) callbacks.onText(outcome.text ? `\n${calls}` : calls, tokens);
    const text = [outcome.text, calls].filter(Boolean).join('\n');
    const completionTokens = outcome.usage?.completionTokens ?? tokens;
    return {
      text,
      stats: {
        ttftMs: outcome.timings.ttftMs,
        tokensPerSecond: outcome.timings.tokensPerSecond,
        promptTokens: outcome.usage?.promptTokens ?? 0,
        evaluatedPromptTokens: outcome.usage?.promptTokens ?? 0,
        completionTokens,
        durationMs: outcome.timings.durationMs,
        stopReason: outcome.stopReason,
      },
    };
  }
}

/** A chat-mode tool call written the way a Hermes model writes it. */
function hermesBlock(call: StreamedToolCall): string {
  let args: string;
  try {
    args = JSON.stringify(JSON.parse(call.arguments || '{}'));
  } catch {
    // Left as sent: the tool-call parser reports it as invalid arguments.
    args = call.arguments;
  }
  return `<tool_call>\n{"name": ${JSON.stringify(call.name)}, "arguments": ${args}}\n</tool_call>`;
}

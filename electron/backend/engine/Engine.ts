import type {
  EngineStatus,
  GenerationStats,
  LoadModelOptions,
} from '../../../shared/contract/types';
import type { HermesMessage } from '../../../shared/hermes';
import type { EngineSamplingParams, EngineToolOptions, GrammarSchema } from './engineProtocol';

export type { EngineSamplingParams, EngineToolOptions, GrammarSchema } from './engineProtocol';

/** How one generation is constrained: tool calls, or the whole reply to a JSON Schema. */
export interface EngineGenerateOptions {
  tools?: EngineToolOptions;
  /** JSON mode: the reply is constrained to this (grammar-ready) JSON Schema. */
  jsonSchema?: GrammarSchema;
  /**
   * Whose context sequence runs it: 'app' (default, the desktop chat's) or 'api' (the
   * OpenAI-compatible API's own sequences, see SequencePool).
   */
  lane?: 'app' | 'api';
}

export interface EngineStreamCallbacks {
  /** Each decoded text chunk, with the number of tokens generated so far. */
  onText: (text: string, tokens: number) => void;
  /** Aborting ends the generation with the partial text and `stats.stopReason` 'abort'. */
  signal?: AbortSignal;
}

/** A finished generation: the raw reply (Hermes `<tool_call>` blocks included) and its figures. */
export interface EngineResult {
  text: string;
  stats: GenerationStats;
}

/**
 * What the reply pipeline needs from a model, wherever it runs. The first implementation is the
 * local engine process (`EngineHost` → `engineProcess` → `EngineRuntime` → node-llama-cpp); a
 * remote OpenAI-compatible server can implement the same shape, so nothing here names
 * node-llama-cpp: messages are OpenAI-shaped, constraints are JSON Schemas, results are JSON.
 */
export interface Engine {
  /** The last known status (model, context size, last error); updated by every call below. */
  readonly status: EngineStatus;
  /** Asks the engine for its current status. */
  refreshStatus(): Promise<EngineStatus>;
  load(options: LoadModelOptions): Promise<EngineStatus>;
  unload(): Promise<EngineStatus>;
  /**
   * Tokens of a prompt text (special-token tags read as special tokens) in the loaded model's
   * tokenizer, and which Hermes tags it holds as special tokens; null when no model is loaded.
   */
  countTokens(text: string): Promise<{ count: number; specialTokens: string[] } | null>;
  /**
   * One assistant reply to `messages`, rendered with the model's chat template, streamed through
   * `callbacks.onText`, stopped by `callbacks.signal`. Throws NO_MODEL_LOADED, BUSY (another
   * generation is running) or UNSUPPORTED (tools/JSON on a model without the Hermes format).
   */
  generate(
    messages: HermesMessage[],
    sampling: EngineSamplingParams,
    callbacks: EngineStreamCallbacks,
    options?: EngineGenerateOptions,
  ): Promise<EngineResult>;
  /** A raw prompt continued with no chat template (special-token tags read as special tokens). */
  complete(
    prompt: string,
    sampling: EngineSamplingParams,
    callbacks: EngineStreamCallbacks,
    options?: Pick<EngineGenerateOptions, 'lane'>,
  ): Promise<EngineResult>;
}

import type { ChatWrapper, LlamaModel } from 'node-llama-cpp';
import type { GenerationStats } from '../../../shared/contract/types';
import type { HermesMessage } from '../../../shared/hermes';
import type { GenerationLane } from './SequencePool';
import type { EngineSamplingParams, EngineToolOptions, GrammarSchema } from './engineProtocol';

export interface EngineRuntimeOptions {
  gpu?: 'auto' | false;
  /** CPU threads per evaluation; default os.availableParallelism(), not node-llama-cpp's 4. */
  threads?: number;
  /**
   * Picks the chat wrapper for a loaded model. Default: the Hermes wrapper for ChatML / Hermes
   * models, node-llama-cpp's resolveChatWrapper for the rest.
   */
  chatWrapperFor?: (model: LlamaModel) => ChatWrapper;
  /**
   * Check a GGUF's header before llama.cpp loads it (default true). Only the crash-survival test
   * turns it off, to let a malformed file reach llama.cpp's own abort.
   */
  preflight?: boolean;
}

export interface GenerateRequest {
  /** OpenAI-shaped messages; plain `{role, content}` turns are the common case. */
  messages: HermesMessage[];
  sampling: EngineSamplingParams;
  /** Tool calling (Hermes models only). */
  tools?: EngineToolOptions;
  /** JSON mode: constrain the reply to this grammar schema. */
  jsonSchema?: GrammarSchema;
  /** Default 'app' (the desktop's sequence); the API's requests use its own sequences. */
  lane?: GenerationLane;
}

export interface CompleteRequest {
  /** The raw prompt; special-token tags in it are read as special tokens. */
  prompt: string;
  sampling: EngineSamplingParams;
  lane?: GenerationLane;
}

export interface GenerateHandlers {
  /** Each decoded text chunk, with the number of tokens generated so far. */
  onText: (text: string, completionTokens: number) => void;
  /** Aborting ends the generation with the partial text and stopReason 'abort'. */
  signal?: AbortSignal;
}

export interface GenerateResult {
  text: string;
  stats: GenerationStats;
}

import type { LibraryModel, ModelLoadSettings } from '../../shared/contract/library';
import type { EngineStatus, GenerationStats, LoadModelOptions } from '../../shared/contract/types';
import type { HermesMessage } from '../../shared/hermes';
import type {
  EngineSamplingParams,
  EngineToolOptions,
  GrammarSchema,
} from '../backend/engine/engineProtocol';

export type { EngineSamplingParams } from '../backend/engine/engineProtocol';

export interface GenerateOptions {
  tools?: EngineToolOptions;
  jsonSchema?: GrammarSchema;
}

export interface GenerateCallbacks {
  onText: (text: string, tokens: number) => void;
  signal?: AbortSignal;
}

export interface GenerateOutcome {
  text: string;
  stats: GenerationStats;
}

/**
 * What the API server needs from the engine: the reply pipeline's conversation-free entry (OpenAI
 * messages, tools or a response schema in; text and stats out), a raw-prompt completion, and
 * load/unload for models on demand. The backend's engine implements it; the API never reaches
 * node-llama-cpp itself.
 */
export interface ApiEngine {
  readonly status: EngineStatus;
  load(options: LoadModelOptions): Promise<unknown>;
  unload(): Promise<unknown>;
  generate(
    messages: HermesMessage[],
    sampling: EngineSamplingParams,
    callbacks: GenerateCallbacks,
    options?: GenerateOptions,
  ): Promise<GenerateOutcome>;
  /** A raw prompt, no template (special-token tags in it are read as special tokens). */
  complete(
    prompt: string,
    sampling: EngineSamplingParams,
    callbacks: GenerateCallbacks,
  ): Promise<GenerateOutcome>;
}

/** The model library: what `/v1/models` lists and what a request may load on demand. */
export interface ApiLibrary {
  list(): Promise<LibraryModel[]>;
  settingsForPath(path: string): Promise<ModelLoadSettings>;
  idForPath(path: string): string | null;
}

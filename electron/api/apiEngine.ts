import type { LibraryModel, ModelLoadSettings } from '../../shared/contract/library';
import type { Engine } from '../backend/engine/Engine';
export type { EngineSamplingParams } from '../backend/engine/engineProtocol';
export type {
  EngineGenerateOptions as GenerateOptions,
  EngineStreamCallbacks as GenerateCallbacks,
  EngineResult as GenerateOutcome,
} from '../backend/engine/Engine';

/**
 * The API's engine: the backend's `Engine` (electron/backend/engine/Engine.ts). Chat replies go
 * through the reply pipeline's `runReply` on it, raw prompts through `complete`, models on demand
 * through load/unload. The API never reaches node-llama-cpp itself.
 */
export type ApiEngine = Engine;

/** The model library: what `/v1/models` lists and what a request may load on demand. */
export interface ApiLibrary {
  list(): Promise<LibraryModel[]>;
  settingsForPath(path: string): Promise<ModelLoadSettings>;
  idForPath(path: string): string | null;
}

import type { LibraryModel, ModelLoadSettings } from '../../shared/contract/library';
import type { Engine } from '../backend/engine/Engine';
export type { EngineSamplingParams } from '../backend/engine/engineProtocol';
export type {
  EngineGenerateOptions as GenerateOptions,
  EngineStreamCallbacks as GenerateCallbacks,
  EngineResult as GenerateOutcome,
} from '../backend/engine/Engine';

/**
 * What the API server needs from the engine: the `Engine` (electron/backend/engine/Engine.ts)
 * minus token counting — generate for chat, complete for raw prompts, load/unload for models on
 * demand. The API never reaches node-llama-cpp itself.
 */
export type ApiEngine = Pick<Engine, 'status' | 'load' | 'unload' | 'generate' | 'complete'>;

/** The model library: what `/v1/models` lists and what a request may load on demand. */
export interface ApiLibrary {
  list(): Promise<LibraryModel[]>;
  settingsForPath(path: string): Promise<ModelLoadSettings>;
  idForPath(path: string): string | null;
}

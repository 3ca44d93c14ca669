import type { EngineStatus } from './types';
import type {
  CatalogEntry,
  DownloadJobInfo,
  HubModelSummary,
  HubTokenStatus,
  ImportMode,
  LibraryModel,
  ModelLoadSettings,
  PickerModel,
  RepoView,
} from './libraryTypes';

export type * from './libraryTypes';

export type LibraryMethods = {
  /** The curated Hermes GGUF repositories. */
  'library.catalog': { params: Record<string, never>; result: { entries: CatalogEntry[] } };
  /** GGUF repositories on the Hub matching a query, most downloaded first. */
  'hub.search': {
    params: { query: string; limit?: number };
    result: { results: HubModelSummary[] };
  };
  /**
   * A repo's GGUF models (split parts grouped) with quant and size; with `fit` (default true)
   * also a fit estimate per model at `contextSize` (default 8192) from its remote header and the
   * recommended quant. Errors: MODEL_NOT_FOUND, DOWNLOAD_FAILED (gated, network, …).
   */
  'hub.repo': {
    params: {
      repoId: string;
      revision?: string;
      contextSize?: number;
      flashAttention?: boolean;
      fit?: boolean;
    };
    result: RepoView;
  };
  /** Sets (or with null clears) the Hugging Face token. UNSUPPORTED where it cannot be stored safely. */
  'hub.setToken': { params: { token: string | null }; result: HubTokenStatus };
  'hub.tokenStatus': { params: Record<string, never>; result: HubTokenStatus };

  /**
   * Queues a model download: a file of the repo (all parts of a split model), or a quant.
   * Progress arrives as `downloads.progress`; state changes as `downloads.state`. The same model
   * asked for twice is the same job.
   */
  'downloads.start': {
    params: { repoId: string; file?: string; quant?: string; revision?: string };
    result: DownloadJobInfo;
  };
  'downloads.pause': { params: { id: string }; result: DownloadJobInfo };
  /** Resumes a paused or failed download from where it stopped. */
  'downloads.resume': { params: { id: string }; result: DownloadJobInfo };
  /** Stops a download and deletes what it downloaded. */
  'downloads.cancel': { params: { id: string }; result: DownloadJobInfo };
  /** Every download of this session and the ones restored from an earlier run. */
  'downloads.list': { params: Record<string, never>; result: { jobs: DownloadJobInfo[] } };

  /** The models in the library folder with their GGUF metadata. */
  'library.list': {
    params: Record<string, never>;
    result: { models: LibraryModel[]; modelsDir: string };
  };
  /**
   * Every library model for the chat's model picker: saved settings, a fit verdict and when it was
   * last loaded; most recently used first.
   */
  'library.picker': {
    params: Record<string, never>;
    result: { models: PickerModel[]; hasGpu: boolean };
  };
  /**
   * Brings an existing GGUF into the library after validating it. Errors: INVALID_INPUT (not a
   * usable GGUF, or already imported: then `details.existingId` is the library model).
   */
  'library.import': { params: { path: string; mode?: ImportMode }; result: LibraryModel };
  /** Deletes a model's files (unloading it first when it is loaded). */
  'library.delete': { params: { id: string }; result: { ok: true } };
  'library.getSettings': { params: { id: string }; result: ModelLoadSettings };
  'library.setSettings': {
    params: { id: string; settings: Partial<ModelLoadSettings> };
    result: ModelLoadSettings;
  };
  /**
   * Loads a library model with its saved settings (`settings` are saved first when given).
   * Errors: MODEL_NOT_FOUND, INVALID_INPUT (unreadable file), LOAD_FAILED, INSUFFICIENT_MEMORY.
   */
  'library.load': {
    params: { id: string; settings?: Partial<ModelLoadSettings> };
    result: EngineStatus;
  };
};

export type LibraryEvents = {
  /** A running download's bytes, speed and ETA (a few times a second). */
  'downloads.progress': DownloadJobInfo;
  /** A download was queued, started, paused, resumed, verified, completed, failed or cancelled. */
  'downloads.state': DownloadJobInfo;
  /** Models were added to or removed from the library. */
  'library.changed': { modelId: string | null };
};

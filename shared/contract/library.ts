/**
 * The model library: the curated Hermes catalog, Hugging Face search and repo views with honest
 * fit estimates, the download manager, the local library and per-model load settings.
 */
import { z } from 'zod';
import type { MethodsOf } from '../rpc/types';
import { method, ok, pageParams, returns } from './define';
import {
  importModeSchema,
  modelLoadSettingsSchema,
  type CatalogEntry,
  type DownloadJobInfo,
  type HubModelSummary,
  type HubTokenStatus,
  type LibraryModel,
  type ModelLoadSettings,
  type PickerModel,
  type RepoView,
} from './libraryTypes';
import type { EngineStatus } from './types';

export * from './libraryTypes';

const repoId = z.string().min(3).max(200);
const revision = z.string().min(1).max(200);
const jobId = z.string().min(1).max(100);
const modelId = z.string().min(1).max(2048);
const jobParams = z.object({ id: jobId }).strict();

export const libraryMethods = {
  /** The curated Hermes GGUF repositories. */
  'library.catalog': method({
    params: z.object({}).strict(),
    result: returns<{ entries: CatalogEntry[] }>(),
  }),
  /** GGUF repositories on the Hub matching a query, most downloaded first. Errors: DOWNLOAD_FAILED. */
  'hub.search': method({
    params: z
      .object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() })
      .strict(),
    result: returns<{ results: HubModelSummary[] }>(),
    errors: ['DOWNLOAD_FAILED'],
  }),
  /**
   * A repo's GGUF models (split parts grouped) with quant and size; with `fit` (default true)
   * also a fit estimate per model at `contextSize` (default 8192) from its remote header and the
   * recommended quant. Errors: MODEL_NOT_FOUND, DOWNLOAD_FAILED (gated, network, …).
   */
  'hub.repo': method({
    params: z
      .object({
        repoId,
        revision: revision.optional(),
        contextSize: z.number().int().min(128).max(4_194_304).optional(),
        flashAttention: z.boolean().optional(),
        fit: z.boolean().optional(),
      })
      .strict(),
    result: returns<RepoView>(),
    errors: ['MODEL_NOT_FOUND', 'DOWNLOAD_FAILED'],
  }),
  /**
   * Sets (or with null clears) the Hugging Face token. Errors: UNSUPPORTED where it cannot be
   * stored safely (no OS keychain, the headless host).
   */
  'hub.setToken': method({
    params: z.object({ token: z.string().trim().min(1).max(1000).nullable() }).strict(),
    result: returns<HubTokenStatus>(),
    errors: ['UNSUPPORTED'],
  }),
  /** Whether a token is set, where it comes from, and whether one can be stored here. */
  'hub.tokenStatus': method({
    params: z.object({}).strict(),
    result: returns<HubTokenStatus>(),
  }),
  /**
   * Queues a model download: a file of the repo (all parts of a split model), or a quant.
   * Progress arrives as `downloads.progress`; state changes as `downloads.state`. The same model
   * asked for twice is the same job. Errors: MODEL_NOT_FOUND, INVALID_INPUT, DOWNLOAD_FAILED.
   */
  'downloads.start': method({
    params: z
      .object({
        repoId,
        file: z.string().min(1).max(1024).optional(),
        quant: z.string().min(1).max(40).optional(),
        revision: revision.optional(),
      })
      .strict(),
    result: returns<DownloadJobInfo>(),
    errors: ['MODEL_NOT_FOUND', 'INVALID_INPUT', 'DOWNLOAD_FAILED'],
  }),
  /** Pauses a download; its bytes stay on disk. Errors: NOT_FOUND. */
  'downloads.pause': method({
    params: jobParams,
    result: returns<DownloadJobInfo>(),
    errors: ['NOT_FOUND'],
  }),
  /** Resumes a paused or failed download from where it stopped. Errors: NOT_FOUND. */
  'downloads.resume': method({
    params: jobParams,
    result: returns<DownloadJobInfo>(),
    errors: ['NOT_FOUND'],
  }),
  /** Stops a download and deletes what it downloaded. Errors: NOT_FOUND. */
  'downloads.cancel': method({
    params: jobParams,
    result: returns<DownloadJobInfo>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * One page of the downloads of this session and the ones restored from an earlier run;
   * `total` counts them all.
   */
  'downloads.list': method({
    params: z.object(pageParams).strict(),
    result: returns<{ jobs: DownloadJobInfo[]; total: number }>(),
  }),
  /** One page of the models in the library folder with their GGUF metadata. */
  'library.list': method({
    params: z.object(pageParams).strict(),
    result: returns<{ models: LibraryModel[]; total: number; modelsDir: string }>(),
  }),
  /**
   * One page of the library models for the chat's model picker: saved settings, a fit verdict
   * and when each was last loaded; most recently used first. `total` counts them all.
   */
  'library.picker': method({
    params: z.object(pageParams).strict(),
    result: returns<{ models: PickerModel[]; total: number; hasGpu: boolean }>(),
  }),
  /**
   * Brings an existing GGUF into the library after validating it. Errors: INVALID_INPUT (not a
   * usable GGUF, or already imported: then `details.existingId` is the library model).
   */
  'library.import': method({
    params: z
      .object({ path: z.string().trim().min(1).max(4096), mode: importModeSchema.optional() })
      .strict(),
    result: returns<LibraryModel>(),
    errors: ['INVALID_INPUT'],
  }),
  /** Deletes a model's files (unloading it first when it is loaded). Errors: MODEL_NOT_FOUND. */
  'library.delete': method({
    params: z.object({ id: modelId }).strict(),
    result: ok,
    errors: ['MODEL_NOT_FOUND'],
  }),
  /** A model's load settings (the defaults when none were saved). Errors: MODEL_NOT_FOUND. */
  'library.getSettings': method({
    params: z.object({ id: modelId }).strict(),
    result: returns<ModelLoadSettings>(),
    errors: ['MODEL_NOT_FOUND'],
  }),
  /** Saves some of a model's load settings; returns them all. Errors: MODEL_NOT_FOUND, INVALID_INPUT. */
  'library.setSettings': method({
    params: z.object({ id: modelId, settings: modelLoadSettingsSchema.partial() }).strict(),
    result: returns<ModelLoadSettings>(),
    errors: ['MODEL_NOT_FOUND', 'INVALID_INPUT'],
  }),
  /**
   * Loads a library model with its saved settings (`settings` are saved first when given).
   * Errors: MODEL_NOT_FOUND, INVALID_INPUT (unreadable file), LOAD_FAILED, INSUFFICIENT_MEMORY,
   * ENGINE_CRASHED, BUSY (a reply is being written).
   */
  'library.load': method({
    params: z
      .object({ id: modelId, settings: modelLoadSettingsSchema.partial().optional() })
      .strict(),
    result: returns<EngineStatus>(),
    errors: [
      'MODEL_NOT_FOUND',
      'INVALID_INPUT',
      'LOAD_FAILED',
      'INSUFFICIENT_MEMORY',
      'ENGINE_CRASHED',
      'BUSY',
    ],
  }),
};
export type LibraryMethods = MethodsOf<typeof libraryMethods>;

export type LibraryEvents = {
  /** A running download's bytes, speed and ETA (a few times a second). */
  'downloads.progress': DownloadJobInfo;
  /** A download was queued, started, paused, resumed, verified, completed, failed or cancelled. */
  'downloads.state': DownloadJobInfo;
  /** Models were added to or removed from the library. */
  'library.changed': { modelId: string | null };
};

import { basename } from 'node:path';
import { toLoadOptions } from '../backend/models/modelSettings';
import type { ApiEngine, ApiLibrary } from './apiEngine';
import { ApiError, modelNotFound } from './apiErrors';

/** A model in `/v1/models`, OpenAI's shape plus what Talaria knows about it. */
export interface ApiModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  /** Whether it is loaded now (LM Studio's `state`). */
  loaded: boolean;
}

export interface ApiModelsOptions {
  engine: ApiEngine;
  library: ApiLibrary;
  /** Unload a model this API loaded after this long without a request; 0 keeps it. */
  idleTtlMs?: number;
  /** Context sequences a model loaded on demand gets for API clients. */
  parallel?: number;
}

export interface ResolvedModel {
  id: string;
  toolResponseRole: 'tool' | 'user';
  contextSize: number;
}

/**
 * The models a request may name: every complete library model (id = its path in the library,
 * stable across runs) and the loaded model (its library id, else its file name). Naming a library
 * model that is not loaded loads it with its saved load settings (JIT); a model the API loaded
 * is unloaded again after `idleTtlMs` without requests. The desktop's own model is never unloaded.
 */
export class ApiModels {
  private idleTimer: NodeJS.Timeout | null = null;
  private loadedByApi: string | null = null;
  private loading: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ApiModelsOptions) {}

  async list(): Promise<ApiModel[]> {
    const loaded = this.loadedId();
    const models = (await this.options.library.list()).filter((m) => m.complete && !m.error);
    const out: ApiModel[] = models.map((m) => ({
      id: m.id,
      object: 'model',
      created: Math.floor(m.modifiedAt / 1000),
      owned_by: m.publisher ?? 'local',
      loaded: m.id === loaded,
    }));
    if (loaded !== null && !out.some((m) => m.id === loaded)) {
      out.unshift({ id: loaded, object: 'model', created: 0, owned_by: 'local', loaded: true });
    }
    return out;
  }

  /** The id of the loaded model, or null. */
  loadedId(): string | null {
    const model = this.options.engine.status.model;
    if (!model) return null;
    return this.options.library.idForPath(model.path) ?? basename(model.path);
  }

  /**
   * Makes `name` the loaded model (loading it if needed) and returns what a request needs.
   * Callers hold the engine exclusively (see GenerationQueue), so a load never cuts a reply.
   */
  async ensure(name: string): Promise<ResolvedModel> {
    this.cancelIdleUnload();
    const run = this.loading.then(() => this.ensureNow(name));
    this.loading = run.catch(() => undefined);
    return run;
  }

  private async ensureNow(name: string): Promise<ResolvedModel> {
    const { engine, library } = this.options;
    if (this.matchesLoaded(name)) return this.resolvedLoaded();
    const models = (await library.list()).filter((m) => m.complete && !m.error);
    const model =
      models.find((m) => m.id === name) ??
      unique(models.filter((m) => m.fileName === name || m.fileName === `${name}.gguf`));
    if (!model) throw modelNotFound(name);
    const settings = await library.settingsForPath(model.path);
    try {
      const parallel = this.options.parallel ?? 1;
      await engine.load({ ...toLoadOptions(model.path, settings), parallel });
    } catch (error) {
      throw new ApiError(
        500,
        `Loading ${model.id} failed: ${(error as Error).message}`,
        'server_error',
        'model_load_failed',
        'model',
      );
    }
    this.loadedByApi = model.id;
    return this.resolvedLoaded();
  }

  /** A request finished: a JIT-loaded model starts its idle countdown. */
  scheduleIdleUnload(): void {
    const ttl = this.options.idleTtlMs ?? 0;
    if (ttl <= 0 || this.loadedByApi === null || this.loadedByApi !== this.loadedId()) return;
    this.cancelIdleUnload();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.loadedByApi !== this.loadedId()) return;
      this.loadedByApi = null;
      this.loading = this.loading.then(() => this.options.engine.unload()).catch(() => undefined);
    }, ttl);
    this.idleTimer.unref();
  }

  cancelIdleUnload(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  dispose(): void {
    this.cancelIdleUnload();
  }

  private matchesLoaded(name: string): boolean {
    const model = this.options.engine.status.model;
    if (!model) return false;
    const id = this.loadedId();
    return name === id || name === model.name || `${name}.gguf` === model.name;
  }

  private async resolvedLoaded(): Promise<ResolvedModel> {
    const model = this.options.engine.status.model;
    if (!model) throw new ApiError(503, 'No model is loaded.', 'server_error', 'no_model_loaded');
    const settings = await this.options.library.settingsForPath(model.path);
    return {
      id: this.loadedId() ?? model.name,
      toolResponseRole: settings.toolResponseRole,
      contextSize: model.contextSize,
    };
  }
}

function unique<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

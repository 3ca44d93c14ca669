import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { TalariaError } from '../../../shared/contract/errors';
import type { ModelLoadSettings } from '../../../shared/contract/library';
import type { LoadModelOptions } from '../../../shared/contract/types';

export type { ModelLoadSettings } from '../../../shared/contract/library';

export const DEFAULT_LOAD_SETTINGS: ModelLoadSettings = {
  gpuLayers: 'auto',
  contextSize: 'auto',
  flashAttention: false,
  threads: null,
  batchSize: null,
  toolResponseRole: 'tool',
};

const settingsSchema = z
  .object({
    gpuLayers: z.union([z.literal('auto'), z.number().int().min(0).max(1024)]),
    contextSize: z.union([z.literal('auto'), z.number().int().min(128).max(4_194_304)]),
    flashAttention: z.boolean(),
    threads: z.number().int().min(1).max(1024).nullable(),
    batchSize: z.number().int().min(1).max(1_048_576).nullable(),
    toolResponseRole: z.enum(['tool', 'user']),
  })
  .strict();

/**
 * The engine's load options for a model's settings. An 'auto' context is left to the engine,
 * which takes as much as fits up to 8192 tokens (the trained 128k of Llama 3.1 would not fit).
 */
export function toLoadOptions(path: string, settings: ModelLoadSettings): LoadModelOptions {
  return {
    path,
    gpuLayers: settings.gpuLayers,
    ...(settings.contextSize !== 'auto' && { contextSize: settings.contextSize }),
    flashAttention: settings.flashAttention,
    ...(settings.threads !== null && { threads: settings.threads }),
    ...(settings.batchSize !== null && { batchSize: settings.batchSize }),
  };
}

/** Checks a partial update; throws INVALID_INPUT naming the bad field. */
export function parseSettingsPatch(patch: unknown): Partial<ModelLoadSettings> {
  const result = settingsSchema.partial().safeParse(patch);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || 'settings';
    throw new TalariaError(
      'INVALID_INPUT',
      `Invalid load setting ${field}: ${issue?.message ?? 'bad value'}.`,
    );
  }
  return result.data as Partial<ModelLoadSettings>;
}

/** Where per-model settings live; the app may back it with its settings database instead. */
export interface ModelSettingsStore {
  get(modelId: string): Promise<Partial<ModelLoadSettings> | null>;
  set(modelId: string, settings: ModelLoadSettings): Promise<void>;
  delete(modelId: string): Promise<void>;
}

/** Settings in one JSON file (by default in the models folder), written atomically. */
export class JsonModelSettingsStore implements ModelSettingsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async get(modelId: string): Promise<Partial<ModelLoadSettings> | null> {
    const all = await this.readAll();
    const stored = all[modelId];
    if (stored === undefined) return null;
    try {
      return parseSettingsPatch(stored);
    } catch {
      // A hand-edited file with a bad value falls back to the defaults rather than failing.
      return null;
    }
  }

  set(modelId: string, settings: ModelLoadSettings): Promise<void> {
    return this.update((all) => {
      all[modelId] = settings;
    });
  }

  delete(modelId: string): Promise<void> {
    return this.update((all) => {
      if (!(modelId in all)) return false;
      delete all[modelId];
      return true;
    });
  }

  /** Applies a change and writes the file, unless the change says nothing changed. */
  private update(change: (all: Record<string, unknown>) => boolean | void): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await this.readAll();
      if (change(all) === false) return;
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.tmp`;
      await writeFile(tmp, JSON.stringify(all, null, 2));
      await rename(tmp, this.path);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readAll(): Promise<Record<string, unknown>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.path, 'utf8'));
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  }
}

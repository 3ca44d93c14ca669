import { mkdir, readdir, rm, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type { LibraryModel } from '../../../shared/contract/library';
import { parseQuant, parseSplitName } from './ggufFileNames';
import {
  DEFAULT_LOAD_SETTINGS,
  JsonModelSettingsStore,
  parseSettingsPatch,
  type ModelLoadSettings,
  type ModelSettingsStore,
} from './modelSettings';
import { assertRepoId } from './repoPaths';
import { expectedFileSize } from './utils/ggufIntegrity';
import { summarizeGguf, type GgufModelMetadata } from './utils/ggufSummary';
import {
  exists,
  importError,
  place,
  sanitize,
  splitPartsOf,
  type ImportMode,
} from './utils/importFiles';
import { scanModels, type FoundModel } from './utils/scanModels';

export type { ImportMode } from './utils/importFiles';
import { validateGgufFile } from './utils/validateGguf';

export type { LibraryModel } from '../../../shared/contract/library';

export interface ImportOptions {
  sourcePath: string;
  mode?: ImportMode;
  /** Folder names in the library; default `imported/<file name without .gguf>`. */
  publisher?: string;
  repo?: string;
}

export interface ModelLibraryOptions {
  modelsDir: string;
  /** Default: a JSON file in the models folder. */
  settingsStore?: ModelSettingsStore;
}

interface CachedMetadata {
  key: string;
  metadata: GgufModelMetadata | null;
  error: string | null;
}

/** The models folder: scan, GGUF metadata, import, delete and per-model load settings. */
export class ModelLibrary {
  readonly modelsDir: string;
  private readonly settings: ModelSettingsStore;
  private readonly cache = new Map<string, CachedMetadata>();

  constructor(options: ModelLibraryOptions) {
    this.modelsDir = resolve(options.modelsDir);
    this.settings =
      options.settingsStore ??
      new JsonModelSettingsStore(join(this.modelsDir, '.talaria', 'model-settings.json'));
  }

  async list(): Promise<LibraryModel[]> {
    const found = await scanModels(this.modelsDir);
    const models: LibraryModel[] = [];
    for (const model of found) models.push(await this.describe(model));
    return models;
  }

  async get(id: string): Promise<LibraryModel> {
    const target = this.pathOf(id);
    const model = (await scanModels(this.modelsDir)).find((m) => m.parts[0] === target);
    if (!model) throw new TalariaError('MODEL_NOT_FOUND', `No model ${id} in the library.`);
    return this.describe(model);
  }

  /**
   * Brings an existing GGUF (all parts of a split one) into the library after validating every
   * part. On any failure the library is left as it was.
   */
  async import(options: ImportOptions): Promise<LibraryModel> {
    const source = resolve(options.sourcePath);
    const mode = options.mode ?? 'copy';
    const fileName = basename(source);
    if (!fileName.toLowerCase().endsWith('.gguf')) {
      throw new TalariaError(
        'INVALID_INPUT',
        `Cannot import ${fileName}: only .gguf files can be imported.`,
      );
    }
    const inside = relative(this.modelsDir, source);
    if (!inside.startsWith('..') && !isAbsolute(inside)) {
      throw new TalariaError('INVALID_INPUT', `${fileName} is already inside the models folder.`);
    }
    const sources = await splitPartsOf(source);
    for (const part of sources) await validateGgufFile(part);
    const stem = (parseSplitName(fileName)?.base ?? fileName.replace(/\.gguf$/i, '')) || 'model';
    const { owner, name } = assertRepoId(
      `${options.publisher ?? 'imported'}/${options.repo ?? sanitize(stem)}`,
    );
    const destDir = join(this.modelsDir, owner, name);
    const targets = sources.map((s) => join(destDir, basename(s)));
    for (const target of targets) {
      if (await exists(target)) {
        throw new TalariaError(
          'INVALID_INPUT',
          `${fileName} is already in your library (${owner}/${name}). Load it from My Models, or delete it there first to import it again.`,
          { existingId: this.idOf(targets[0] ?? target) },
        );
      }
    }
    const created = await mkdir(destDir, { recursive: true });
    const placed: string[] = [];
    try {
      // Later parts first, the first part last: the model shows up only once it is whole.
      for (let i = sources.length - 1; i >= 0; i--) {
        await place(sources[i] ?? '', targets[i] ?? '', mode);
        placed.push(targets[i] ?? '');
      }
    } catch (error) {
      for (const p of placed) await rm(p, { force: true });
      if (created !== undefined) await this.pruneEmptyDirs(destDir);
      throw error instanceof TalariaError ? error : importError(fileName, mode, error);
    }
    return this.get(
      relative(this.modelsDir, targets[0] ?? '')
        .split(sep)
        .join('/'),
    );
  }

  /** Deletes a model's files (a linked import loses only its link) and its settings. */
  async delete(id: string): Promise<void> {
    const model = await this.get(id);
    for (const part of model.parts) await unlink(part);
    await this.pruneEmptyDirs(dirname(model.path));
    await this.settings.delete(model.id);
    this.cache.delete(model.path);
  }

  async getLoadSettings(id: string): Promise<ModelLoadSettings> {
    const model = await this.get(id);
    return { ...defaultsFor(model), ...((await this.settings.get(model.id)) ?? {}) };
  }

  async setLoadSettings(id: string, patch: Partial<ModelLoadSettings>): Promise<ModelLoadSettings> {
    const valid = parseSettingsPatch(patch);
    const next = { ...(await this.getLoadSettings(id)), ...valid };
    await this.settings.set(this.idOf(this.pathOf(id)), next);
    return next;
  }

  /**
   * The library id of a model file, or null when it lies outside the models folder (a file
   * loaded by path).
   */
  idForPath(path: string): string | null {
    try {
      const id = this.idOf(resolve(path));
      return this.pathOf(id) === resolve(path) ? id : null;
    } catch {
      return null;
    }
  }

  /**
   * Load settings for a model file: its saved ones when it is in the library, else the defaults
   * its name implies (an abliterated model sends tool results as `user`).
   */
  async settingsForPath(path: string): Promise<ModelLoadSettings> {
    const id = this.idForPath(path);
    if (id) {
      try {
        return await this.getLoadSettings(id);
      } catch {
        // Deleted or unreadable since it was loaded: fall back to what the name says.
      }
    }
    const abliterated = /abliterat/i.test(basename(path));
    return { ...DEFAULT_LOAD_SETTINGS, toolResponseRole: abliterated ? 'user' : 'tool' };
  }

  private async describe(found: FoundModel): Promise<LibraryModel> {
    const path = found.parts[0] ?? '';
    const segments = found.id.split('/');
    const { metadata, error } = await this.metadataOf(found);
    return {
      id: found.id,
      path,
      fileName: basename(path),
      publisher: segments.length >= 3 ? (segments[0] ?? null) : null,
      repo: segments.length >= 3 ? (segments[1] ?? null) : null,
      parts: found.parts,
      sizeBytes: found.sizeBytes,
      complete: found.complete,
      linked: found.linked,
      modifiedAt: found.modifiedAt,
      quant: metadata?.fileType ?? parseQuant(path),
      metadata,
      error: !found.complete ? 'Some parts of this split model are missing.' : error,
    };
  }

  private async metadataOf(found: FoundModel): Promise<Omit<CachedMetadata, 'key'>> {
    const path = found.parts[0] ?? '';
    const key = `${found.sizeBytes}:${found.modifiedAt}:${found.parts.length}`;
    const cached = this.cache.get(path);
    if (cached?.key === key) return cached;
    let entry: CachedMetadata;
    try {
      const info = await readGgufFileInfo(path, {
        sourceType: 'filesystem',
        logWarnings: false,
        spliceSplitFiles: found.complete && found.parts.length > 1,
      });
      const expected = found.parts.length === 1 ? expectedFileSize(info) : null;
      entry =
        expected !== null && expected > found.sizeBytes
          ? {
              key,
              metadata: null,
              error: 'The file is truncated; delete it and download it again.',
            }
          : { key, metadata: summarizeGguf(info, found.id), error: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      entry = {
        key,
        metadata: null,
        error: message.includes('Invalid GGUF magic')
          ? 'Not a GGUF model file.'
          : `Unreadable GGUF header: ${message}`,
      };
    }
    this.cache.set(path, entry);
    return entry;
  }

  /** The absolute path of a model id, refusing anything outside the models folder. */
  private pathOf(id: string): string {
    const target = resolve(this.modelsDir, ...id.split('/'));
    const rel = relative(this.modelsDir, target);
    if (
      id.includes('\\') ||
      id.includes('\0') ||
      rel.startsWith('..') ||
      isAbsolute(rel) ||
      !rel.toLowerCase().endsWith('.gguf')
    ) {
      throw new TalariaError('INVALID_INPUT', `"${id}" is not a model in the library.`);
    }
    return target;
  }

  private idOf(path: string): string {
    return relative(this.modelsDir, path).split(sep).join('/');
  }

  private async pruneEmptyDirs(dir: string): Promise<void> {
    let current = dir;
    while (current !== this.modelsDir && !relative(this.modelsDir, current).startsWith('..')) {
      try {
        if ((await readdir(current)).length > 0) return;
        await rmdir(current);
      } catch {
        return;
      }
      current = dirname(current);
    }
  }
}

function defaultsFor(model: LibraryModel): ModelLoadSettings {
  // The Hermes 3 3B abliterated card asks for tool results in the user role.
  const abliterated = /abliterat/i.test(`${model.id} ${model.metadata?.name ?? ''}`);
  return { ...DEFAULT_LOAD_SETTINGS, toolResponseRole: abliterated ? 'user' : 'tool' };
}

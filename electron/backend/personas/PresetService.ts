import { TalariaError } from '../../../shared/contract/errors';
import type { ExportedFile, Preset, PresetInput } from '../../../shared/contract/personas';
import { encodeBase64, encodeUtf8 } from '../../../shared/cards/bytes';
import type { Store } from '../store';
import { builtinPresets, isBuiltinId } from './builtinPresets';
import { safeFileName } from './fileNames';
import { parsePresetText, toPresetFile } from './presetFile';
import type { Emit, PersonaServiceDeps } from './types';

const DEFAULT_KEY = 'presets.default';
const modelKey = (modelId: string): string => `${DEFAULT_KEY}.${modelId}`;

function readOnly(preset: Preset, action: string): TalariaError {
  return new TalariaError(
    'INVALID_INPUT',
    `"${preset.name}" is a built-in preset and cannot be ${action}. Duplicate it to make a copy ` +
      'you can change.',
  );
}

/** Built-in and user system-prompt presets, their files, and the default per model. */
export class PresetService {
  private readonly store: Store;
  private readonly emit: Emit;
  private readonly builtins: Preset[];

  constructor(deps: PersonaServiceDeps & { builtins?: Preset[] }) {
    this.store = deps.store;
    this.emit = deps.emit;
    this.builtins = deps.builtins ?? builtinPresets();
  }

  /** Built-ins first (in their own order), then the user's by name. */
  list(): Preset[] {
    return [...this.builtins.map((p) => ({ ...p })), ...this.store.presets.list()];
  }

  /** Null when there is no such preset. */
  find(id: string): Preset | null {
    if (isBuiltinId(id)) {
      const builtin = this.builtins.find((p) => p.id === id);
      return builtin ? { ...builtin } : null;
    }
    return this.store.presets.get(id);
  }

  get(id: string): Preset {
    const preset = this.find(id);
    if (!preset) throw new TalariaError('NOT_FOUND', 'That preset does not exist any more.');
    return preset;
  }

  /** Creates (no id) or updates a user preset. */
  save(id: string | undefined, input: PresetInput): Preset {
    if (input.name.trim() === '') {
      throw new TalariaError('INVALID_INPUT', 'A preset needs a name.');
    }
    let preset: Preset;
    if (id === undefined) preset = this.store.presets.insert(input);
    else {
      const current = this.get(id);
      if (current.builtin) throw readOnly(current, 'changed');
      preset = this.store.presets.update(id, input);
    }
    this.changed(preset.id);
    return preset;
  }

  /** A user copy named "… (copy)"; works for built-ins too. */
  duplicate(id: string): Preset {
    const source = this.get(id);
    const copy = this.store.presets.insert({
      name: `${source.name} (copy)`,
      description: source.description,
      systemPrompt: source.systemPrompt,
      postHistoryInstructions: source.postHistoryInstructions,
    });
    this.changed(copy.id);
    return copy;
  }

  /** Deletes a user preset; defaults that pointed at it are cleared. */
  delete(id: string): void {
    const preset = this.get(id);
    if (preset.builtin) throw readOnly(preset, 'deleted');
    this.store.db.transaction(() => {
      this.store.presets.delete(id);
      for (const [key, value] of Object.entries(this.store.settings.all())) {
        if ((key === DEFAULT_KEY || key.startsWith(`${DEFAULT_KEY}.`)) && value === id) {
          this.store.settings.delete(key);
        }
      }
    })();
    this.changed(id);
  }

  /** Adds every preset in the text, all or none. */
  importText(text: string): Preset[] {
    const inputs = parsePresetText(text);
    const presets = this.store.db.transaction(() =>
      inputs.map((input) => this.store.presets.insert(input)),
    )();
    this.changed(presets[0]?.id ?? null);
    return presets;
  }

  /** A Talaria preset file with the given presets (built-ins included), in the order given. */
  exportFile(ids: readonly string[]): ExportedFile {
    const presets = ids.map((id) => this.get(id));
    const only = presets.length === 1 ? presets[0] : undefined;
    const json = JSON.stringify(toPresetFile(presets), null, 2);
    return {
      fileName: only ? safeFileName(only.name, 'json', 'preset') : 'talaria-presets.json',
      mimeType: 'application/json',
      data: encodeBase64(encodeUtf8(json)),
    };
  }

  /**
   * The default preset of a model (by library model id), falling back to the default of all
   * chats; null when neither is set or the preset no longer exists.
   */
  getDefault(modelId?: string): string | null {
    const keys = modelId === undefined ? [DEFAULT_KEY] : [modelKey(modelId), DEFAULT_KEY];
    for (const key of keys) {
      const id = this.store.settings.get<string | null>(key, null);
      if (typeof id === 'string' && this.find(id)) return id;
    }
    return null;
  }

  /** True when the model has no default of its own (getDefault then answers the general one). */
  inheritsDefault(modelId: string | undefined): boolean {
    if (modelId === undefined) return false;
    const own = this.store.settings.get<string | null>(modelKey(modelId), null);
    return !(typeof own === 'string' && this.find(own));
  }

  /** Sets (or with null clears) a model's default or the default of all chats. */
  setDefault(modelId: string | undefined, presetId: string | null): string | null {
    if (presetId !== null) this.get(presetId);
    const key = modelId === undefined ? DEFAULT_KEY : modelKey(modelId);
    if (presetId === null) this.store.settings.delete(key);
    else this.store.settings.set(key, presetId);
    this.changed(presetId);
    return this.getDefault(modelId);
  }

  private changed(id: string | null): void {
    this.emit('personas.changed', { kind: 'preset', id });
  }
}

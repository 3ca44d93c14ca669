import { readGgufFileInfo, type GgufFileInfo } from 'node-llama-cpp';
import type { HardwareInfo, PickerModel } from '../../../shared/contract/library';
import { estimateFit } from './fitEstimate';
import { toFitHardware } from './hardware';
import type { ModelLibrary } from './ModelLibrary';

/** The context size a fit is estimated at when a model's settings say 'auto' (the load's cap). */
const AUTO_CONTEXT = 8192;

export interface LibraryPickerDeps {
  library: ModelLibrary;
  hardware: () => Promise<HardwareInfo>;
  /** Epoch ms of each model path's last successful load. */
  lastUsed: () => Record<string, number>;
}

/**
 * Every library model as the chat's model picker shows it: saved load settings, a fit verdict at
 * the saved context size (local headers, cached by path, size and mtime) and when it was last
 * loaded; most recently used first, then by name.
 */
export function createLibraryPicker(deps: LibraryPickerDeps): () => Promise<PickerModel[]> {
  const headers = new Map<string, { key: string; info: GgufFileInfo }>();
  const headerOf = async (path: string, key: string, parts: number): Promise<GgufFileInfo> => {
    const cached = headers.get(path);
    if (cached?.key === key) return cached.info;
    const info = await readGgufFileInfo(path, {
      sourceType: 'filesystem',
      logWarnings: false,
      spliceSplitFiles: parts > 1,
    });
    headers.set(path, { key, info });
    return info;
  };

  return async () => {
    const [models, hardware] = await Promise.all([deps.library.list(), deps.hardware()]);
    const lastUsed = deps.lastUsed();
    const picked: PickerModel[] = [];
    for (const model of models) {
      const settings = await deps.library.getLoadSettings(model.id);
      let fit: PickerModel['fit'] = null;
      let fitError: string | null = model.error;
      if (model.error === null) {
        try {
          const info = await headerOf(
            model.path,
            `${model.sizeBytes}:${model.modifiedAt}`,
            model.parts.length,
          );
          fit = await estimateFit(info, {
            hardware: toFitHardware(hardware),
            contextSize: settings.contextSize === 'auto' ? AUTO_CONTEXT : settings.contextSize,
            flashAttention: settings.flashAttention,
          });
        } catch (error) {
          fitError = error instanceof Error ? error.message : String(error);
        }
      }
      picked.push({ model, settings, fit, fitError, lastUsedAt: lastUsed[model.path] ?? null });
    }
    return picked.sort(
      (a, b) =>
        (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) ||
        a.model.fileName.localeCompare(b.model.fileName),
    );
  };
}

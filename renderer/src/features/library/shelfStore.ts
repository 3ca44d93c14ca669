import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';
import type {
  ImportMode,
  LibraryModel,
  ModelLoadSettings,
} from '../../../../shared/contract/library';
import { toShownError, type ShownError } from '../../components/errors';

export interface SettingsDraft {
  model: LibraryModel;
  settings: ModelLoadSettings | null;
  busy: 'reading' | 'saving' | 'loading' | null;
  error: ShownError | null;
}

export interface ImportDraft {
  path: string;
  mode: ImportMode;
  busy: boolean;
  error: ShownError | null;
}

export interface ShelfState {
  models: LibraryModel[] | null;
  modelsDir: string | null;
  error: ShownError | null;
  draft: SettingsDraft | null;
  deleting: { model: LibraryModel; busy: boolean; error: ShownError | null } | null;
  importing: ImportDraft | null;
  refresh(): Promise<void>;
  openSettings(model: LibraryModel): Promise<void>;
  editSettings(patch: Partial<ModelLoadSettings>): void;
  closeSettings(): void;
  saveSettings(): Promise<boolean>;
  /** Saves the draft and loads the model with it; true once it is loaded. */
  loadModel(): Promise<boolean>;
  askDelete(model: LibraryModel | null): void;
  confirmDelete(): Promise<void>;
  openImport(open: boolean): void;
  editImport(patch: Partial<Pick<ImportDraft, 'path' | 'mode'>>): void;
  submitImport(): Promise<boolean>;
  pickImportFile(): Promise<void>;
}

export type ShelfStore = StoreApi<ShelfState>;

export function createShelfStore(client: TalariaClient): ShelfStore {
  return createStore<ShelfState>()((set, get) => {
    const patchDraft = (patch: Partial<SettingsDraft>): void => {
      const draft = get().draft;
      if (draft) set({ draft: { ...draft, ...patch } });
    };
    const patchImport = (patch: Partial<ImportDraft>): void => {
      const importing = get().importing;
      if (importing) set({ importing: { ...importing, ...patch } });
    };
    return {
      models: null,
      modelsDir: null,
      error: null,
      draft: null,
      deleting: null,
      importing: null,

      async refresh() {
        try {
          const { models, modelsDir } = await client.request('library.list', {});
          set({ models, modelsDir, error: null });
        } catch (error) {
          set({ error: toShownError(error) });
        }
      },

      async openSettings(model) {
        set({ draft: { model, settings: null, busy: 'reading', error: null } });
        try {
          const settings = await client.request('library.getSettings', { id: model.id });
          if (get().draft?.model.id === model.id) patchDraft({ settings, busy: null });
        } catch (error) {
          patchDraft({ busy: null, error: toShownError(error) });
        }
      },

      editSettings(patch) {
        const draft = get().draft;
        if (draft?.settings) patchDraft({ settings: { ...draft.settings, ...patch }, error: null });
      },

      closeSettings: () => {
        if (get().draft?.busy !== 'loading') set({ draft: null });
      },

      async saveSettings() {
        const draft = get().draft;
        if (!draft?.settings) return false;
        patchDraft({ busy: 'saving', error: null });
        try {
          const settings = await client.request('library.setSettings', {
            id: draft.model.id,
            settings: draft.settings,
          });
          patchDraft({ settings, busy: null });
          return true;
        } catch (error) {
          patchDraft({ busy: null, error: toShownError(error) });
          return false;
        }
      },

      async loadModel() {
        const draft = get().draft;
        if (!draft?.settings) return false;
        patchDraft({ busy: 'loading', error: null });
        try {
          await client.request('library.load', { id: draft.model.id, settings: draft.settings });
          set({ draft: null });
          return true;
        } catch (error) {
          patchDraft({ busy: null, error: toShownError(error) });
          return false;
        }
      },

      askDelete: (model) => set({ deleting: model ? { model, busy: false, error: null } : null }),

      async confirmDelete() {
        const deleting = get().deleting;
        if (!deleting) return;
        set({ deleting: { ...deleting, busy: true, error: null } });
        try {
          await client.request('library.delete', { id: deleting.model.id });
          set({ deleting: null });
          await get().refresh();
        } catch (error) {
          set({ deleting: { ...deleting, busy: false, error: toShownError(error) } });
        }
      },

      openImport: (open) =>
        set({ importing: open ? { path: '', mode: 'copy', busy: false, error: null } : null }),

      editImport: (patch) => patchImport({ ...patch, error: null }),

      async submitImport() {
        const importing = get().importing;
        if (!importing || !importing.path.trim()) return false;
        patchImport({ busy: true, error: null });
        try {
          await client.request('library.import', {
            path: importing.path.trim(),
            mode: importing.mode,
          });
          set({ importing: null });
          await get().refresh();
          return true;
        } catch (error) {
          patchImport({ busy: false, error: toShownError(error) });
          return false;
        }
      },

      async pickImportFile() {
        try {
          const { path } = await client.request('system.openModelDialog', {});
          if (path) patchImport({ path, error: null });
        } catch (error) {
          patchImport({ error: toShownError(error) });
        }
      },
    };
  });
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, BrowseResult } from '../../../../shared/contract';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { PickerModel } from '../../../../shared/contract/library';
import type { EngineStatus } from '../../../../shared/contract/types';
import { toShownError, type ShownError } from '../../components/errors';
import { dirName } from '../../components/format';

export interface ModelsState {
  info: AppInfo | null;
  status: EngineStatus | null;
  dialogOpen: boolean;
  /** The path being loaded by this client, while `engine.load` runs. */
  loadingPath: string | null;
  loadError: ShownError | null;
  unloading: boolean;
  pathInput: string;
  browse: BrowseResult | null;
  browsing: boolean;
  browseError: ShownError | null;
  /** The library as the picker lists it; null until first read. */
  picker: PickerModel[] | null;
  pickerError: ShownError | null;
  hasGpu: boolean;
  query: string;
  init(): Promise<void>;
  setStatus(status: EngineStatus): void;
  openDialog(): void;
  closeDialog(): void;
  setPathInput(path: string): void;
  load(path: string): Promise<boolean>;
  setQuery(query: string): void;
  refreshPicker(): Promise<void>;
  /** Loads a library model with its saved settings; true once it is loaded. */
  loadFromLibrary(entry: PickerModel): Promise<boolean>;
  unload(): Promise<void>;
  browseTo(path?: string): Promise<void>;
  pickWithNativeDialog(): Promise<void>;
}

export type ModelsStore = StoreApi<ModelsState>;

export function createModelsStore(client: TalariaClient): ModelsStore {
  let browseTicket = 0;
  return createStore<ModelsState>()((set, get) => ({
    info: null,
    status: null,
    dialogOpen: false,
    loadingPath: null,
    loadError: null,
    unloading: false,
    pathInput: '',
    browse: null,
    browsing: false,
    browseError: null,
    picker: null,
    pickerError: null,
    hasGpu: false,
    query: '',

    async init() {
      const [info, status] = await Promise.all([
        client.request('app.info', {}),
        client.request('engine.status', {}),
      ]);
      set({ info, status });
    },

    setStatus: (status) => set({ status }),

    openDialog() {
      const { info, browse, status } = get();
      // After a failed load the dialog opens on the reason, with the file ready to retry.
      const failed = status && !status.model ? status.lastError : null;
      set({
        dialogOpen: true,
        loadError: failed ? { code: failed.code, message: failed.message } : null,
        query: '',
        pathInput: failed?.path || get().pathInput || status?.model?.path || '',
      });
      void get().refreshPicker();
      if (failed?.path) void get().browseTo(dirName(failed.path));
      else if (!browse) void get().browseTo(info?.homeDir);
    },

    closeDialog: () => set({ dialogOpen: false }),
    setPathInput: (pathInput) => set({ pathInput, loadError: null }),

    async load(path) {
      const trimmed = path.trim();
      if (!trimmed || get().loadingPath) return false;
      set({ loadingPath: trimmed, loadError: null, pathInput: trimmed });
      try {
        const status = await client.request('engine.load', { path: trimmed });
        set({ status, loadingPath: null, dialogOpen: false });
        client.request('app.info', {}).then(
          (info) => set({ info }),
          () => undefined,
        );
        return true;
      } catch (error) {
        set({ loadingPath: null, loadError: toShownError(error) });
        return false;
      }
    },

    setQuery: (query) => set({ query }),

    async refreshPicker() {
      try {
        const { models, hasGpu } = await client.request('library.picker', {});
        set({ picker: models, hasGpu, pickerError: null });
      } catch (error) {
        set({ pickerError: toShownError(error) });
      }
    },

    async loadFromLibrary(entry) {
      if (get().loadingPath) return false;
      set({ loadingPath: entry.model.path, loadError: null });
      try {
        const status = await client.request('library.load', { id: entry.model.id });
        set({ status, loadingPath: null, dialogOpen: false });
        void get().refreshPicker();
        return true;
      } catch (error) {
        set({ loadingPath: null, loadError: toShownError(error) });
        return false;
      }
    },

    async unload() {
      set({ unloading: true });
      try {
        set({ status: await client.request('engine.unload', {}) });
      } catch (error) {
        set({ loadError: toShownError(error) });
      } finally {
        set({ unloading: false });
      }
    },

    async browseTo(path) {
      const ticket = ++browseTicket;
      set({ browsing: true, browseError: null });
      try {
        const result = await client.request('system.browse', path ? { path } : {});
        if (ticket === browseTicket) set({ browse: result, browsing: false });
      } catch (error) {
        if (ticket === browseTicket) set({ browsing: false, browseError: toShownError(error) });
      }
    },

    async pickWithNativeDialog() {
      try {
        const { path } = await client.request('system.openModelDialog', {});
        if (path) set({ pathInput: path, loadError: null });
      } catch (error) {
        set({ loadError: toShownError(error) });
      }
    },
  }));
}

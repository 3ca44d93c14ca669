import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { LorebookSummary } from '../../../../shared/contract/personas';
import { toShownError, type ShownError } from '../../components/errors';
import { emptyBook } from './cardForm';
import {
  importEach,
  importLorebookFile,
  type ImportOutcome,
  type ImportState,
} from './importFiles';

export interface LorebookListState extends ImportState {
  lorebooks: LorebookSummary[] | null;
  error: ShownError | null;
  refresh(): Promise<void>;
  /** Creates an empty book with a free "New lorebook" name; its id, or null on failure. */
  create(): Promise<string | null>;
  importFiles(files: readonly File[]): Promise<ImportOutcome[]>;
  dismissImports(): void;
}

export type LorebookListStore = StoreApi<LorebookListState>;

/** "New lorebook", or "New lorebook 2" … when that name is taken. */
export function freeName(base: string, taken: readonly string[]): string {
  const names = new Set(taken.map((n) => n.toLocaleLowerCase()));
  if (!names.has(base.toLocaleLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} ${n}`;
    if (!names.has(name.toLocaleLowerCase())) return name;
  }
}

export function createLorebookListStore(client: TalariaClient): LorebookListStore {
  let latest = 0;
  return createStore<LorebookListState>()((set, get) => ({
    lorebooks: null,
    error: null,
    importing: null,
    imports: [],

    async refresh() {
      const request = ++latest;
      try {
        const { lorebooks } = await client.request('lorebooks.list', {});
        if (request === latest) set({ lorebooks, error: null });
      } catch (error) {
        if (request === latest) set({ error: toShownError(error) });
      }
    },

    async create() {
      const name = freeName(
        'New lorebook',
        (get().lorebooks ?? []).map((b) => b.name),
      );
      try {
        const saved = await client.request('lorebooks.save', { name, book: emptyBook() });
        await get().refresh();
        return saved.id;
      } catch (error) {
        set({ error: toShownError(error) });
        return null;
      }
    },

    async importFiles(files) {
      if (files.length === 0) return [];
      const outcomes = await importEach(files, (file) => importLorebookFile(client, file), set);
      await get().refresh();
      return outcomes;
    },

    dismissImports: () => set({ imports: [] }),
  }));
}

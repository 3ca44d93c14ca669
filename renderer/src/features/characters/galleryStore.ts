import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { CharacterSummary } from '../../../../shared/contract/personas';
import { toShownError, type ShownError } from '../../components/errors';
import type { GallerySort } from './galleryView';
import {
  importCharacterFile,
  importEach,
  type ImportOutcome,
  type ImportState,
} from './importFiles';

export interface TagCount {
  tag: string;
  count: number;
}

export interface GalleryState extends ImportState {
  /** The characters matching the query and tag; null until the first answer. */
  characters: CharacterSummary[] | null;
  /** Every tag in the library with its count. */
  tags: TagCount[];
  /** How many characters the library holds, whatever the filter; null until known. */
  total: number | null;
  error: ShownError | null;
  query: string;
  tag: string | null;
  sort: GallerySort;
  setQuery(query: string): void;
  setTag(tag: string | null): void;
  setSort(sort: GallerySort): void;
  refresh(): Promise<void>;
  /** Imports each file on its own: a bad file is reported and never stops the others. */
  importFiles(files: readonly File[]): Promise<ImportOutcome[]>;
  dismissImports(): void;
}

export type GalleryStore = StoreApi<GalleryState>;

/** Typing waits this long before the list is asked again. */
const QUERY_DELAY_MS = 120;

export function createGalleryStore(client: TalariaClient): GalleryStore {
  let latest = 0;
  let queryTimer: ReturnType<typeof setTimeout> | null = null;
  return createStore<GalleryState>()((set, get) => ({
    characters: null,
    tags: [],
    total: null,
    error: null,
    query: '',
    tag: null,
    sort: 'recent',
    importing: null,
    imports: [],

    setQuery(query) {
      set({ query });
      if (queryTimer) clearTimeout(queryTimer);
      queryTimer = setTimeout(() => void get().refresh(), QUERY_DELAY_MS);
    },

    setTag(tag) {
      set({ tag });
      void get().refresh();
    },

    setSort: (sort) => set({ sort }),

    async refresh() {
      const request = ++latest;
      const { query, tag } = get();
      const params = {
        ...(query.trim() ? { query: query.trim() } : {}),
        ...(tag ? { tag } : {}),
      };
      try {
        const result = await client.request('characters.list', params);
        // An older answer that arrives late must not replace a newer one.
        if (request !== latest) return;
        const filtered = 'query' in params || 'tag' in params;
        const stillTagged =
          !tag || result.tags.some((t) => t.tag.toLowerCase() === tag.toLowerCase());
        set({
          characters: result.characters,
          tags: result.tags,
          total: filtered ? get().total : result.characters.length,
          error: null,
        });
        // The last character with the chosen tag went away: show everything again.
        if (!stillTagged) get().setTag(null);
        else if (filtered && get().total === null) {
          const all = await client.request('characters.list', {});
          if (request === latest) set({ total: all.characters.length });
        }
      } catch (error) {
        if (request === latest) set({ error: toShownError(error) });
      }
    },

    async importFiles(files) {
      if (files.length === 0) return [];
      const outcomes = await importEach(files, (file) => importCharacterFile(client, file), set);
      await get().refresh();
      return outcomes;
    },

    dismissImports: () => set({ imports: [] }),
  }));
}

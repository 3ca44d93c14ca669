import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';
import type {
  CatalogEntry,
  HubModelSummary,
  HubTokenStatus,
  RepoView,
} from '../../../../shared/contract/library';
import { toShownError, type ShownError } from '../../components/errors';

export type LibraryTab = 'discover' | 'library' | 'downloads';

/** Context sizes offered for fit estimates (8K is what a library load uses by default). */
export const FIT_CONTEXTS = [2048, 4096, 8192, 16384, 32768, 65536, 131072];

export interface DiscoverState {
  tab: LibraryTab;
  catalog: CatalogEntry[] | null;
  catalogError: ShownError | null;
  query: string;
  /** The query the results are for; null before the first search. */
  searched: string | null;
  results: HubModelSummary[] | null;
  searching: boolean;
  searchError: ShownError | null;
  repoId: string | null;
  repo: RepoView | null;
  repoLoading: boolean;
  /** Fit estimates are being read (the file list is already shown). */
  fitting: boolean;
  repoError: ShownError | null;
  contextSize: number;
  /** The file whose fit numbers are open. */
  expanded: string | null;
  token: HubTokenStatus | null;
  tokenDialog: boolean;
  tokenSaving: boolean;
  tokenError: ShownError | null;
  setTab(tab: LibraryTab): void;
  loadCatalog(): Promise<void>;
  setQuery(query: string): void;
  search(): Promise<void>;
  clearSearch(): void;
  openRepo(repoId: string | null): Promise<void>;
  setContextSize(contextSize: number): Promise<void>;
  toggleDetails(fileId: string): void;
  /** Marks which files are downloaded after the library changed, keeping the estimates. */
  refreshDownloaded(): Promise<void>;
  loadToken(): Promise<void>;
  openTokenDialog(open: boolean): void;
  saveToken(token: string | null): Promise<boolean>;
}

export type DiscoverStore = StoreApi<DiscoverState>;

export function createDiscoverStore(client: TalariaClient): DiscoverStore {
  let searchTicket = 0;
  let repoTicket = 0;
  return createStore<DiscoverState>()((set, get) => {
    const fetchRepo = async (repoId: string, fit: boolean, ticket: number): Promise<void> => {
      const view = await client.request('hub.repo', {
        repoId,
        contextSize: get().contextSize,
        fit,
      });
      if (ticket === repoTicket) set({ repo: view });
    };
    return {
      tab: 'discover',
      catalog: null,
      catalogError: null,
      query: '',
      searched: null,
      results: null,
      searching: false,
      searchError: null,
      repoId: null,
      repo: null,
      repoLoading: false,
      fitting: false,
      repoError: null,
      contextSize: 8192,
      expanded: null,
      token: null,
      tokenDialog: false,
      tokenSaving: false,
      tokenError: null,

      setTab: (tab) => set({ tab }),

      async loadCatalog() {
        try {
          const { entries } = await client.request('library.catalog', {});
          set({ catalog: entries, catalogError: null });
        } catch (error) {
          set({ catalogError: toShownError(error) });
        }
      },

      setQuery: (query) => set({ query }),

      async search() {
        const query = get().query.trim();
        if (!query) return get().clearSearch();
        const ticket = ++searchTicket;
        set({ searching: true, searchError: null, searched: query });
        try {
          const { results } = await client.request('hub.search', { query, limit: 30 });
          if (ticket === searchTicket) set({ results, searching: false });
        } catch (error) {
          if (ticket === searchTicket) {
            set({ results: null, searching: false, searchError: toShownError(error) });
          }
        }
      },

      clearSearch: () => {
        searchTicket++;
        set({ query: '', searched: null, results: null, searching: false, searchError: null });
      },

      async openRepo(repoId) {
        const ticket = ++repoTicket;
        if (repoId === null) {
          set({ repoId: null, repo: null, repoLoading: false, fitting: false, repoError: null });
          return;
        }
        const same = get().repo?.repoId === repoId;
        set({
          repoId,
          repo: same ? get().repo : null,
          repoLoading: !same,
          fitting: true,
          repoError: null,
          expanded: same ? get().expanded : null,
        });
        try {
          // The file list first (one listing), then the estimates (a header read per file).
          if (!same) await fetchRepo(repoId, false, ticket);
          if (ticket === repoTicket) set({ repoLoading: false });
          await fetchRepo(repoId, true, ticket);
        } catch (error) {
          if (ticket === repoTicket) set({ repoError: toShownError(error) });
        } finally {
          if (ticket === repoTicket) set({ repoLoading: false, fitting: false });
        }
      },

      async setContextSize(contextSize) {
        set({ contextSize });
        const repoId = get().repoId;
        if (repoId) await get().openRepo(repoId);
      },

      toggleDetails: (fileId) => set({ expanded: get().expanded === fileId ? null : fileId }),

      async refreshDownloaded() {
        const current = get().repo;
        if (!current) return;
        try {
          const fresh = await client.request('hub.repo', { repoId: current.repoId, fit: false });
          const now = get().repo;
          if (now?.repoId !== fresh.repoId) return;
          const ids = new Map(fresh.files.map((f) => [f.id, f.libraryId]));
          set({
            repo: {
              ...now,
              files: now.files.map((f) => ({ ...f, libraryId: ids.get(f.id) ?? null })),
            },
          });
        } catch {
          // The badges stay as they were; the next visit reads them again.
        }
      },

      async loadToken() {
        try {
          set({ token: await client.request('hub.tokenStatus', {}) });
        } catch {
          set({ token: null });
        }
      },

      openTokenDialog: (open) => set({ tokenDialog: open, tokenError: null }),

      async saveToken(token) {
        set({ tokenSaving: true, tokenError: null });
        try {
          set({ token: await client.request('hub.setToken', { token }), tokenSaving: false });
          return true;
        } catch (error) {
          set({ tokenSaving: false, tokenError: toShownError(error) });
          return false;
        }
      },
    };
  });
}

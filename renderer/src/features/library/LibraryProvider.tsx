import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores';
import type { TalariaClient } from '../../../../shared/contract/client';
import { createDiscoverStore, type DiscoverState, type DiscoverStore } from './discoverStore';
import { createDownloadsStore, type DownloadsState, type DownloadsStore } from './downloadsStore';
import { createShelfStore, type ShelfState, type ShelfStore } from './shelfStore';

export interface LibraryStores {
  discover: DiscoverStore;
  downloads: DownloadsStore;
  shelf: ShelfStore;
}

function createLibraryStores(client: TalariaClient): LibraryStores {
  return {
    discover: createDiscoverStore(client),
    downloads: createDownloadsStore(client),
    shelf: createShelfStore(client),
  };
}

/** Routes the library's events into its stores; returns the unsubscribe function. */
function wireLibraryEvents(client: TalariaClient, stores: LibraryStores): () => void {
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const offs = [
    client.on('downloads.progress', (job) => stores.downloads.getState().receive(job)),
    client.on('downloads.state', (job) => stores.downloads.getState().receive(job)),
    client.on('library.changed', () => {
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        void stores.shelf
          .getState()
          .refresh()
          .then(() => forgetDeleted(stores));
        void stores.discover.getState().refreshDownloaded();
      }, 50);
    }),
  ];
  return () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    for (const off of offs) off();
  };
}

/** Finished downloads whose model was deleted since no longer count as "in library". */
function forgetDeleted(stores: LibraryStores): void {
  const models = stores.shelf.getState().models;
  if (!models) return;
  const paths = new Set(models.map((m) => m.path));
  const downloads = stores.downloads.getState();
  for (const job of Object.values(downloads.jobs)) {
    if (job.state === 'completed' && job.libraryPath && !paths.has(job.libraryPath)) {
      downloads.dismiss(job.id);
    }
  }
}

const LibraryContext = createContext<LibraryStores | null>(null);

/** One set of library stores per connection, wired to the backend's events. */
export function LibraryProvider({ children }: { children: ReactNode }) {
  const { client } = useStores();
  const [stores] = useState(() => createLibraryStores(client));
  useEffect(() => {
    const off = wireLibraryEvents(client, stores);
    void stores.discover.getState().loadCatalog();
    void stores.discover.getState().loadToken();
    void stores.shelf.getState().refresh();
    stores.downloads
      .getState()
      .init()
      .catch(() => undefined);
    return off;
  }, [client, stores]);
  return <LibraryContext value={stores}>{children}</LibraryContext>;
}

export function useLibraryStores(): LibraryStores {
  const stores = useContext(LibraryContext);
  if (!stores) throw new Error('useLibraryStores must be used inside <LibraryProvider>');
  return stores;
}

export function useDiscover<T>(selector: (state: DiscoverState) => T): T {
  return useStore(useLibraryStores().discover, selector);
}

export function useDownloads<T>(selector: (state: DownloadsState) => T): T {
  return useStore(useLibraryStores().downloads, selector);
}

export function useShelf<T>(selector: (state: ShelfState) => T): T {
  return useStore(useLibraryStores().shelf, selector);
}

import type { TalariaClient } from '../../../../shared/contract/client';
import { createCharacterDraftsStore, type CharacterDraftsStore } from './characterDrafts';
import { createGalleryStore, type GalleryStore } from './galleryStore';
import { createLorebookDraftsStore, type LorebookDraftsStore } from './lorebookDrafts';
import { createLorebookListStore, type LorebookListStore } from './lorebookListStore';

/** The Characters screen's state: the gallery, the lorebook list and the open editors. */
export interface CharacterStores {
  gallery: GalleryStore;
  lorebooks: LorebookListStore;
  characterDrafts: CharacterDraftsStore;
  lorebookDrafts: LorebookDraftsStore;
}

export function createCharacterStores(client: TalariaClient): CharacterStores {
  return {
    gallery: createGalleryStore(client),
    lorebooks: createLorebookListStore(client),
    characterDrafts: createCharacterDraftsStore(client),
    lorebookDrafts: createLorebookDraftsStore(client),
  };
}

/** Keeps the screen's lists and open editors in step with the backend; returns the unsubscribe. */
export function wireCharacterEvents(client: TalariaClient, stores: CharacterStores): () => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  // Imports and saves often come in bursts: refresh each list once per burst.
  const soon = (name: string, run: () => void): void => {
    const timer = timers.get(name);
    if (timer) clearTimeout(timer);
    timers.set(name, setTimeout(run, 60));
  };
  const off = client.on('personas.changed', ({ kind, id }) => {
    if (kind === 'character') {
      soon('characters', () => void stores.gallery.getState().refresh());
      void stores.characterDrafts.getState().changed(id);
    } else if (kind === 'lorebook') {
      soon('lorebooks', () => void stores.lorebooks.getState().refresh());
      void stores.lorebookDrafts.getState().changed(id);
    }
  });
  return () => {
    for (const timer of timers.values()) clearTimeout(timer);
    off();
  };
}

import { useStore } from 'zustand';
import { useStores } from '../../app/stores';
import type { CharacterDraftsState } from './characterDrafts';
import type { GalleryState } from './galleryStore';
import type { LorebookDraftsState } from './lorebookDrafts';
import type { LorebookListState } from './lorebookListStore';

export function useGallery<T>(selector: (state: GalleryState) => T): T {
  return useStore(useStores().characters.gallery, selector);
}

export function useLorebookList<T>(selector: (state: LorebookListState) => T): T {
  return useStore(useStores().characters.lorebooks, selector);
}

export function useCharacterDrafts<T>(selector: (state: CharacterDraftsState) => T): T {
  return useStore(useStores().characters.characterDrafts, selector);
}

export function useLorebookDrafts<T>(selector: (state: LorebookDraftsState) => T): T {
  return useStore(useStores().characters.lorebookDrafts, selector);
}

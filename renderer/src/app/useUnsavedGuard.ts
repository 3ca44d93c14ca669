import { useEffect } from 'react';
import type { Stores } from './stores';

/** Whether any editor (character, lorebook, persona, preset) holds changes not yet saved. */
export function hasUnsavedEdits(stores: Stores): boolean {
  const drafts = [
    ...Object.values(stores.characters.characterDrafts.getState().drafts),
    ...Object.values(stores.characters.lorebookDrafts.getState().drafts),
  ];
  return drafts.some((d) => d?.dirty) || Object.keys(stores.ui.getState().unsaved).length > 0;
}

/**
 * Asks the browser's "Leave site? Changes you made may not be saved" before a reload or close
 * while an editor holds unsaved changes; in Electron the window close goes through the same event.
 */
export function useUnsavedGuard(stores: Stores): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      if (!hasUnsavedEdits(stores)) return;
      e.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [stores]);
}

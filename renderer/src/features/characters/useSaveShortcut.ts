import { useEffect } from 'react';
import { hasModifier } from '../../components/shortcuts';

/** Saves on Ctrl/Cmd+S while the editor is open, wherever the focus is. */
export function useSaveShortcut(save: () => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (hasModifier(e) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!document.querySelector('dialog[open]')) save();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [save]);
}

import { useEffect } from 'react';
import { hasModifier } from '../components/shortcuts';
import { streamOf } from '../features/chat/chatStore';
import type { Stores } from './stores';

/**
 * App-wide keys. New chat has two bindings because Ctrl+N is taken by some browsers (and by
 * headless Chromium) before the page sees it.
 */
export function useShortcuts(stores: Stores, newChat: () => Promise<void>): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const key = e.key.toLowerCase();
      const dialogOpen = document.querySelector('dialog[open]') !== null;
      if (
        hasModifier(e) &&
        !e.altKey &&
        ((key === 'n' && !e.shiftKey) || (key === 'o' && e.shiftKey))
      ) {
        e.preventDefault();
        if (!dialogOpen) void newChat();
      } else if (hasModifier(e) && key === 'l' && !e.shiftKey) {
        e.preventDefault();
        stores.models.getState().openDialog();
      } else if (e.key === 'Escape' && !dialogOpen && !e.defaultPrevented) {
        const chat = stores.chat.getState();
        if (streamOf(chat, chat.conversationId)) {
          e.preventDefault();
          void chat.stop();
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores, newChat]);
}

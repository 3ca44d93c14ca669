import { useEffect } from 'react';
import { hasModifier } from '../components/shortcuts';
import { streamOf } from '../features/chat/chatStore';
import { focusComposer } from '../features/chat/focusComposer';
import { stepConversation } from '../features/palette/commands';
import type { Stores } from './stores';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/**
 * App-wide keys. New chat has two bindings because Ctrl+N is taken by some browsers (and by
 * headless Chromium) before the page sees it. Keys that mean something while typing (/, Esc)
 * only act outside text fields; none act while a dialog is open, except closing it.
 */
export function useShortcuts(stores: Stores, newChat: () => Promise<void>): void {
  useEffect(() => {
    const { ui, chat, settings, models } = stores;
    const onKeyDown = (e: KeyboardEvent): void => {
      const key = e.key.toLowerCase();
      const mod = hasModifier(e) && !e.altKey;
      const dialogOpen = document.querySelector('dialog[open]') !== null;
      const act = (run: () => void): void => {
        e.preventDefault();
        if (!dialogOpen) run();
      };
      if (mod && key === 'k' && !e.shiftKey) {
        e.preventDefault();
        const open = ui.getState().overlay === 'palette';
        if (open) ui.getState().close();
        else if (!dialogOpen) ui.getState().open('palette');
      } else if (mod && ((key === 'n' && !e.shiftKey) || (key === 'o' && e.shiftKey))) {
        act(() => void newChat());
      } else if (mod && key === 'f' && e.shiftKey) {
        act(() => ui.getState().open('search'));
      } else if (mod && key === 'r' && e.shiftKey) {
        act(() => void chat.getState().regenerate());
      } else if (mod && key === 'b' && !e.shiftKey) {
        act(() => ui.getState().toggleSidebar());
      } else if (mod && key === 'l' && !e.shiftKey) {
        act(() => models.getState().openDialog());
      } else if (mod && (key === '=' || key === '+')) {
        act(() => settings.getState().stepFontSize(1));
      } else if (mod && key === '-') {
        act(() => settings.getState().stepFontSize(-1));
      } else if (mod && key === '/') {
        act(() => ui.getState().open('shortcuts'));
      } else if (e.altKey && !hasModifier(e) && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        act(() => stepConversation(stores, e.key === 'ArrowDown' ? 1 : -1));
      } else if (e.key === '/' && !hasModifier(e) && !e.altKey && !typingIn(e.target)) {
        act(focusComposer);
      } else if (e.key === 'Escape' && !dialogOpen && !e.defaultPrevented) {
        const state = chat.getState();
        if (streamOf(state, state.conversationId)) {
          e.preventDefault();
          void state.stop();
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores, newChat]);
}

import { useEffect } from 'react';
import type { Stores } from '../../app/stores';
import { streamOf } from './chatStore';
import { isSwipeKey, swipeAction } from './swipeKeys';

/** Swipes the last message for ← / →; false when the key does nothing here. */
export function runSwipe(stores: Stores, key: string): boolean {
  const state = stores.chat.getState();
  if (state.sending || streamOf(state, state.conversationId)) return false;
  const action = swipeAction(key, state.messages, state.branches);
  if (!action) return false;
  if (action.kind === 'show') void stores.messageActions.showBranch(action.messageId);
  else void state.regenerate();
  return true;
}

const OWN_ARROWS =
  '[role="menu"],[role="listbox"],[role="tablist"],[role="radiogroup"],[role="slider"]';

function ownsArrows(target: EventTarget | null): boolean {
  const el = target instanceof HTMLElement ? target : null;
  if (!el) return false;
  if (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return true;
  return el.closest(OWN_ARROWS) !== null;
}

/**
 * ← / → swipe the last message while nothing has the keyboard for itself (the composer handles
 * its own, empty, case). Dialogs keep their keys.
 */
export function useSwipeKeys(stores: Stores): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || !isSwipeKey(e) || ownsArrows(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (runSwipe(stores, e.key)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}

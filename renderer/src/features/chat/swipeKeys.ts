import type { Message } from '../../../../shared/contract/types';
import { branchPosition, type BranchMap } from './branches';

export type SwipeAction = { kind: 'show'; messageId: string } | { kind: 'regenerate' } | null;

/**
 * SillyTavern's swipes: with nothing typed, ← and → step through the versions of the last
 * message (greetings included). → past the last version of a reply writes a new one, as there;
 * a greeting has nothing to regenerate from, so it stops at its last version.
 */
export function swipeAction(
  key: string,
  messages: readonly Message[],
  branches: BranchMap,
): SwipeAction {
  if (key !== 'ArrowLeft' && key !== 'ArrowRight') return null;
  const last = messages.findLast((m) => m.role !== 'system');
  if (!last || last.status === 'streaming') return null;
  const position = branchPosition(branches, last);
  if (key === 'ArrowLeft') {
    return position?.previousId ? { kind: 'show', messageId: position.previousId } : null;
  }
  if (position?.nextId) return { kind: 'show', messageId: position.nextId };
  return last.role === 'assistant' && last.parentId !== null ? { kind: 'regenerate' } : null;
}

/** Keys with a modifier, or typed into a field with text in it, are not swipes. */
export function isSwipeKey(
  e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'isComposing'>,
): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing) return false;
  return e.key === 'ArrowLeft' || e.key === 'ArrowRight';
}

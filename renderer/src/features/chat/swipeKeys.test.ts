import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/contract/types';
import { branchMap, branchPosition } from './branches';
import { isSwipeKey, swipeAction } from './swipeKeys';
import { testMessage } from './testMessage';

const message = (id: string, role: Message['role'], parentId: string | null): Message =>
  testMessage(id, parentId, role);

// A character chat: three greetings at the root, the second one shown.
const greeting = message('g2', 'assistant', null);
const greetings = branchMap([{ parentId: null, messageIds: ['g1', 'g2', 'g3'] }]);

describe('greetings as swipes', () => {
  it('places root-level siblings as ‹ 2/3 ›', () => {
    expect(branchPosition(greetings, greeting)).toEqual({
      index: 2,
      count: 3,
      previousId: 'g1',
      nextId: 'g3',
    });
  });

  it('steps through the greetings with ← and →', () => {
    expect(swipeAction('ArrowLeft', [greeting], greetings)).toEqual({
      kind: 'show',
      messageId: 'g1',
    });
    expect(swipeAction('ArrowRight', [greeting], greetings)).toEqual({
      kind: 'show',
      messageId: 'g3',
    });
  });

  it('stops at the last greeting instead of regenerating it', () => {
    const last = message('g3', 'assistant', null);
    expect(swipeAction('ArrowRight', [last], greetings)).toBeNull();
    expect(swipeAction('ArrowLeft', [message('g1', 'assistant', null)], greetings)).toBeNull();
  });
});

describe('swipes on replies', () => {
  const user = message('u', 'user', 'g2');
  const reply = message('r2', 'assistant', 'u');
  const map = branchMap([
    { parentId: null, messageIds: ['g1', 'g2'] },
    { parentId: 'u', messageIds: ['r1', 'r2'] },
  ]);

  it('swipes the last message only', () => {
    expect(swipeAction('ArrowLeft', [greeting, user, reply], map)).toEqual({
      kind: 'show',
      messageId: 'r1',
    });
  });

  it('writes a new version past the last one, as SillyTavern does', () => {
    expect(swipeAction('ArrowRight', [greeting, user, reply], map)).toEqual({
      kind: 'regenerate',
    });
    const single = message('r', 'assistant', 'u');
    expect(swipeAction('ArrowRight', [user, single], {})).toEqual({ kind: 'regenerate' });
  });

  it('does nothing while a reply is streaming, after a user message or for other keys', () => {
    const streaming = { ...reply, status: 'streaming' as const };
    expect(swipeAction('ArrowLeft', [user, streaming], map)).toBeNull();
    expect(swipeAction('ArrowRight', [greeting, user], map)).toBeNull();
    expect(swipeAction('ArrowUp', [user, reply], map)).toBeNull();
    expect(swipeAction('ArrowLeft', [], map)).toBeNull();
  });
});

describe('isSwipeKey', () => {
  const key = {
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    isComposing: false,
  };
  it('takes bare arrows only', () => {
    expect(isSwipeKey({ ...key, key: 'ArrowLeft' })).toBe(true);
    expect(isSwipeKey({ ...key, key: 'ArrowRight', shiftKey: true })).toBe(false);
    expect(isSwipeKey({ ...key, key: 'ArrowLeft', ctrlKey: true })).toBe(false);
    expect(isSwipeKey({ ...key, key: 'ArrowLeft', isComposing: true })).toBe(false);
    expect(isSwipeKey({ ...key, key: 'a' })).toBe(false);
  });
});

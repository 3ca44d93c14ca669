import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRole, GenerationStats, MessageStatus } from '../../../shared/contract/types';
import { INTERRUPTED_ERROR } from './MessageRepository';
import { Store } from './Store';
import { steppingClock, useTempDir } from './testSupport';

const STATS: GenerationStats = {
  ttftMs: 41.5,
  tokensPerSecond: 13.25,
  promptTokens: 120,
  evaluatedPromptTokens: 20,
  completionTokens: 64,
  durationMs: 5000,
  stopReason: 'eos',
};

describe('MessageRepository', () => {
  const tempDir = useTempDir();
  const clock = steppingClock();
  let store: Store;
  let conversationId: string;

  beforeEach(() => {
    clock.set(5_000);
    store = new Store({ file: path.join(tempDir(), 'talaria.db'), now: clock });
    conversationId = store.conversations.create({ title: 'Chat' }).id;
  });
  afterEach(() => store.close());

  function add(
    parentId: string | null,
    role: ChatRole,
    content: string,
    status: MessageStatus = 'complete',
  ) {
    return store.messages.insert({
      conversationId,
      parentId,
      role,
      content,
      status,
      model: role === 'assistant' ? 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf' : null,
    });
  }

  it('inserts a message and makes it the active leaf in the same write', () => {
    const before = store.conversations.get(conversationId)!;
    const msg = add(null, 'user', 'Hello');
    expect(msg).toEqual({
      id: expect.any(String),
      conversationId,
      parentId: null,
      role: 'user',
      content: 'Hello',
      status: 'complete',
      error: null,
      model: null,
      createdAt: expect.any(Number),
      updatedAt: msg.createdAt,
      stats: null,
    });
    const after = store.conversations.get(conversationId)!;
    expect(after.activeLeafId).toBe(msg.id);
    expect(after.updatedAt).toBe(msg.createdAt);
    expect(after.updatedAt).toBeGreaterThan(before.updatedAt);
    expect(store.messages.get(msg.id)).toEqual(msg);
  });

  it('rejects unknown conversations, foreign parents and invalid roles without writing', () => {
    const other = store.conversations.create().id;
    const foreign = store.messages.insert({
      conversationId: other,
      parentId: null,
      role: 'user',
      content: 'x',
      status: 'complete',
    });
    expect(() =>
      store.messages.insert({
        conversationId: 'missing',
        parentId: null,
        role: 'user',
        content: 'x',
        status: 'complete',
      }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => add(foreign.id, 'assistant', 'y')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => add(null, 'narrator' as ChatRole, 'z')).toThrow(/CHECK constraint/);
    expect(store.messages.activePath(conversationId)).toEqual([]);
  });

  it('keeps branches: two replies to one message, each path leads to its own reply', () => {
    const q = add(null, 'user', 'Tell me a joke');
    const first = add(q.id, 'assistant', 'Joke one');
    const second = add(q.id, 'assistant', 'Joke two');
    const followUp = add(first.id, 'user', 'Another?');

    expect(store.messages.children(q.id).map((m) => m.content)).toEqual(['Joke one', 'Joke two']);
    expect(store.messages.pathTo(followUp.id).map((m) => m.content)).toEqual([
      'Tell me a joke',
      'Joke one',
      'Another?',
    ]);
    expect(store.messages.pathTo(second.id).map((m) => m.content)).toEqual([
      'Tell me a joke',
      'Joke two',
    ]);
    expect(store.messages.pathTo('missing')).toEqual([]);
  });

  it('activePath follows the active leaf as the user switches branches', () => {
    expect(store.messages.activePath(conversationId)).toEqual([]);
    const q = add(null, 'user', 'Q');
    const a1 = add(q.id, 'assistant', 'A1');
    const a2 = add(q.id, 'assistant', 'A2');
    expect(store.messages.activePath(conversationId).map((m) => m.id)).toEqual([q.id, a2.id]);

    store.conversations.update(conversationId, { activeLeafId: a1.id });
    expect(store.messages.activePath(conversationId).map((m) => m.id)).toEqual([q.id, a1.id]);
  });

  it('lists several roots when the first message was edited', () => {
    const original = add(null, 'user', 'Hi');
    const edited = add(null, 'user', 'Hello there');
    expect(store.messages.roots(conversationId).map((m) => m.id)).toEqual([original.id, edited.id]);
  });

  it('updates content, status and error, and round-trips stats', () => {
    const q = add(null, 'user', 'Q');
    const a = add(q.id, 'assistant', '', 'streaming');
    store.messages.update(a.id, { content: 'Partial' });
    const done = store.messages.update(a.id, {
      content: 'Partial answer.',
      status: 'complete',
      stats: STATS,
    });
    expect(done).toMatchObject({ content: 'Partial answer.', status: 'complete', stats: STATS });
    expect(done.updatedAt).toBeGreaterThan(a.updatedAt);
    expect(store.messages.get(a.id)?.stats).toEqual(STATS);

    const noTiming = {
      ...STATS,
      ttftMs: null,
      tokensPerSecond: null,
      stopReason: 'abort' as const,
    };
    store.messages.update(a.id, { status: 'aborted', stats: noTiming });
    expect(store.messages.get(a.id)).toMatchObject({ status: 'aborted', stats: noTiming });
    expect(store.messages.activePath(conversationId)[1]?.stats).toEqual(noTiming);

    store.messages.update(a.id, { status: 'error', error: 'Engine crashed', stats: null });
    expect(store.messages.get(a.id)).toMatchObject({
      content: 'Partial answer.',
      status: 'error',
      error: 'Engine crashed',
      stats: null,
    });
    expect(() => store.messages.update('missing', { content: 'x' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('markInterrupted turns streaming messages into interrupted ones and keeps their text', () => {
    const q = add(null, 'user', 'Write a poem');
    const streaming = add(q.id, 'assistant', '', 'streaming');
    store.messages.update(streaming.id, { content: 'Roses are red,' });
    const done = add(q.id, 'assistant', 'Done poem');

    expect(store.messages.markInterrupted()).toBe(1);
    expect(store.messages.get(streaming.id)).toMatchObject({
      content: 'Roses are red,',
      status: 'interrupted',
      error: INTERRUPTED_ERROR,
    });
    expect(store.messages.get(done.id)).toMatchObject({ status: 'complete', error: null });
    expect(store.messages.markInterrupted()).toBe(0);
  });

  it('deletes a message with its replies and moves the active leaf to its parent', () => {
    const q = add(null, 'user', 'Q');
    const a1 = add(q.id, 'assistant', 'A1');
    const a2 = add(q.id, 'assistant', 'A2');
    store.messages.update(a2.id, { stats: STATS });
    const deeper = add(a2.id, 'user', 'More');

    expect(store.messages.delete(a2.id)).toBe(true);
    expect(store.messages.get(a2.id)).toBeNull();
    expect(store.messages.get(deeper.id)).toBeNull();
    expect(store.messages.children(q.id).map((m) => m.id)).toEqual([a1.id]);
    expect(store.conversations.get(conversationId)?.activeLeafId).toBe(q.id);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM message_stats').get()).toEqual({ n: 0 });
    expect(store.messages.delete(a2.id)).toBe(false);

    // Deleting a branch that is not shown leaves the active leaf where it is.
    const a3 = add(q.id, 'assistant', 'A3');
    store.messages.delete(a1.id);
    expect(store.conversations.get(conversationId)?.activeLeafId).toBe(a3.id);
  });

  it('handles paths and subtree deletes on very long conversations', () => {
    let leaf: string | null = null;
    let third = '';
    store.db.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        leaf = add(leaf, i % 2 ? 'assistant' : 'user', `m${i}`).id;
        if (i === 2) third = leaf;
      }
    })();
    const path = store.messages.activePath(conversationId);
    expect(path).toHaveLength(2000);
    expect(path[0]?.content).toBe('m0');
    expect(path[1999]?.content).toBe('m1999');

    expect(store.messages.delete(third)).toBe(true);
    expect(store.messages.activePath(conversationId).map((m) => m.content)).toEqual(['m0', 'm1']);
  });
});

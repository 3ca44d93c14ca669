import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TalariaError } from '../../../shared/contract/errors';
import type { GenerationStats, Message } from '../../../shared/contract/types';
import { COPIED_STREAMING_ERROR } from './conversationTrees';
import { Store } from './Store';
import { steppingClock, useTempDir } from './testSupport';

const STATS: GenerationStats = {
  ttftMs: 12.5,
  tokensPerSecond: 40,
  promptTokens: 100,
  evaluatedPromptTokens: 20,
  completionTokens: 30,
  durationMs: 800,
  stopReason: 'eos',
};

/** Messages as a shape without ids: each one's role, content and its parent's content. */
function shape(messages: Message[]) {
  const byId = new Map(messages.map((m) => [m.id, m]));
  return messages
    .map((m) => ({
      role: m.role,
      content: m.content,
      parent: m.parentId ? (byId.get(m.parentId)?.content ?? 'MISSING') : null,
      status: m.status,
      stats: m.stats,
      createdAt: m.createdAt,
    }))
    .sort((a, b) => a.content.localeCompare(b.content));
}

describe('ConversationRepository: pinning, paging, duplicate and fork', () => {
  const tempDir = useTempDir();
  const clock = steppingClock();
  let store: Store;

  beforeEach(() => {
    clock.set(1_000);
    store = new Store({ file: path.join(tempDir(), 'talaria.db'), now: clock });
  });
  afterEach(() => store.close());

  function allMessages(conversationId: string): Message[] {
    const rows = store.db
      .prepare('SELECT id FROM messages WHERE conversation_id = ?')
      .all(conversationId) as { id: string }[];
    return rows.map((r) => store.messages.get(r.id) as Message);
  }

  /** root → (a1 → a1 follow-up) | a2(streaming); active leaf a1 follow-up. */
  function branched() {
    const c = store.conversations.create({ title: 'Original', systemPrompt: 'Be brief.' });
    store.conversations.update(c.id, { sampling: { temperature: 0.3, seed: 7 } });
    const say = (parentId: string | null, role: Message['role'], content: string) =>
      store.messages.insert({ conversationId: c.id, parentId, role, content, status: 'complete' });
    const root = say(null, 'user', 'root question');
    const a1 = say(root.id, 'assistant', 'first answer');
    store.messages.update(a1.id, { stats: STATS });
    const followUp = say(a1.id, 'user', 'follow up');
    const a2 = store.messages.insert({
      conversationId: c.id,
      parentId: root.id,
      role: 'assistant',
      content: 'second answer, half',
      status: 'streaming',
    });
    store.conversations.update(c.id, { activeLeafId: followUp.id });
    return { c, root, a1, followUp, a2 };
  }

  it('pins and unpins without touching the activity time', () => {
    const c = store.conversations.create();
    const before = store.conversations.get(c.id);
    expect(store.conversations.isPinned(c.id)).toBe(false);
    store.conversations.setPinned(c.id, true);
    expect(store.conversations.isPinned(c.id)).toBe(true);
    expect(store.conversations.get(c.id)).toEqual(before);
    store.conversations.setPinned(c.id, false);
    expect(store.conversations.isPinned(c.id)).toBe(false);
    expect(() => store.conversations.setPinned('nope', true)).toThrow(TalariaError);
    expect(() => store.conversations.isPinned('nope')).toThrow(/does not exist/);
  });

  it('lists a page with pinned conversations first, then newest activity', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'].map((t) => store.conversations.create({ title: t }).id);
    store.conversations.setPinned(ids[1] as string, true);
    store.conversations.setPinned(ids[3] as string, true);
    const page = store.conversations.listPage({ limit: 3 });
    expect(page.total).toBe(5);
    expect(page.conversations.map((c) => [c.title, c.pinned])).toEqual([
      ['d', true],
      ['b', true],
      ['e', false],
    ]);
    expect(
      store.conversations.listPage({ limit: 3, offset: 3 }).conversations.map((c) => c.title),
    ).toEqual(['c', 'a']);
    // Same summaries as list(), plus the flag.
    const { pinned: _pinned, ...summary } = page.conversations[2] ?? { pinned: false };
    expect(summary).toEqual(store.conversations.list()[0]);
  });

  it('duplicates every branch, stat and setting under new ids', () => {
    const { c, followUp } = branched();
    const copy = store.conversations.duplicate(c.id);
    expect(copy).toMatchObject({
      title: 'Original (copy)',
      systemPrompt: 'Be brief.',
      sampling: { temperature: 0.3, seed: 7 },
    });
    expect(copy.id).not.toBe(c.id);
    expect(copy.updatedAt).toBeGreaterThan(store.conversations.get(c.id)?.updatedAt ?? Infinity);

    const original = allMessages(c.id);
    const copied = allMessages(copy.id);
    expect(copied).toHaveLength(4);
    expect(copied.some((m) => original.some((o) => o.id === m.id))).toBe(false);
    // Same tree; the half-written reply is no longer "streaming" in the copy.
    const expected = shape(original).map((m) =>
      m.status === 'streaming' ? { ...m, status: 'interrupted' } : m,
    );
    expect(shape(copied)).toEqual(expected);
    expect(copied.find((m) => m.status === 'interrupted')?.error).toBe(COPIED_STREAMING_ERROR);
    // The copy shows the same branch, through its own messages.
    expect(store.messages.activePath(copy.id).map((m) => m.content)).toEqual(
      store.messages.activePath(c.id).map((m) => m.content),
    );
    expect(store.messages.activePath(copy.id).at(-1)?.id).not.toBe(followUp.id);
    // The original is untouched.
    expect(allMessages(c.id)).toEqual(original);
  });

  it('duplicates with a chosen title and refuses an unknown id', () => {
    const c = store.conversations.create({ title: 'x'.repeat(500) });
    expect(store.conversations.duplicate(c.id).title).toBe(`${'x'.repeat(493)} (copy)`);
    expect(store.conversations.duplicate(c.id, { title: '  Mine ' }).title).toBe('Mine');
    expect(() => store.conversations.duplicate('missing')).toThrow(/does not exist/);
  });

  it('forks a new conversation holding the branch up to a message', () => {
    const { c, a1 } = branched();
    const fork = store.conversations.fork(a1.id);
    expect(fork.title).toBe('Original (fork)');
    expect(fork.systemPrompt).toBe('Be brief.');
    const path = store.messages.activePath(fork.id);
    expect(path.map((m) => m.content)).toEqual(['root question', 'first answer']);
    expect(path[1]?.stats).toEqual(STATS);
    expect(allMessages(fork.id)).toHaveLength(2);
    expect(allMessages(c.id)).toHaveLength(4);
    expect(() => store.conversations.fork('missing')).toThrow(/Message missing does not exist/);
  });

  it('copies a 5,000-message chain in one go', () => {
    const c = store.conversations.create();
    const insert = store.db.prepare(
      `INSERT INTO messages (id, conversation_id, parent_id, role, content, status, created_at,
         updated_at) VALUES (?, ?, ?, 'user', ?, 'complete', ?, ?)`,
    );
    store.db.transaction(() => {
      for (let i = 0; i < 5000; i++)
        insert.run(`m${i}`, c.id, i ? `m${i - 1}` : null, `t${i}`, i, i);
    })();
    store.conversations.update(c.id, { activeLeafId: 'm4999' });
    const copy = store.conversations.duplicate(c.id);
    const path = store.messages.activePath(copy.id);
    expect(path).toHaveLength(5000);
    expect(path[4999]?.content).toBe('t4999');
  });
});

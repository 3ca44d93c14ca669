import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BranchRepository } from './BranchRepository';
import { Store } from './Store';
import { steppingClock, useTempDir } from './testSupport';

describe('BranchRepository', () => {
  const dir = useTempDir();
  let store: Store | null = null;
  afterEach(() => store?.close());

  function open(): { store: Store; branches: BranchRepository } {
    store = new Store({ file: path.join(dir(), 'talaria.db'), now: steppingClock() });
    return { store, branches: new BranchRepository(store.db) };
  }

  it('lists the places with several replies, oldest first', () => {
    const { store, branches } = open();
    const c = store.conversations.create();
    const add = (parentId: string | null, role: 'user' | 'assistant' = 'user') =>
      store.messages.insert({
        conversationId: c.id,
        parentId,
        role,
        content: 'x',
        status: 'complete',
      });
    const root1 = add(null);
    const a1 = add(root1.id, 'assistant');
    const a2 = add(root1.id, 'assistant');
    const root2 = add(null);
    add(a2.id);
    // Ordered by each group's oldest message.
    expect(branches.groups(c.id)).toEqual([
      { parentId: null, messageIds: [root1.id, root2.id] },
      { parentId: root1.id, messageIds: [a1.id, a2.id] },
    ]);
    expect(branches.siblingsOf(c.id, null)).toEqual([root1.id, root2.id]);
  });

  it('reveals a hidden branch by following its newest replies, and leaves a shown one', () => {
    const { store, branches } = open();
    const c = store.conversations.create();
    const add = (parentId: string | null) =>
      store.messages.insert({
        conversationId: c.id,
        parentId,
        role: 'user',
        content: 'x',
        status: 'complete',
      });
    const root = add(null);
    const left = add(root.id);
    const leftOld = add(left.id);
    const leftNew = add(left.id);
    const right = add(root.id);
    expect(store.conversations.get(c.id)?.activeLeafId).toBe(right.id);
    expect(branches.reveal(root.id)).toBe(c.id);
    expect(store.conversations.get(c.id)?.activeLeafId).toBe(right.id);
    branches.reveal(left.id);
    expect(store.conversations.get(c.id)?.activeLeafId).toBe(leftNew.id);
    branches.reveal(leftOld.id);
    expect(store.messages.activePath(c.id).map((m) => m.id)).toEqual([
      root.id,
      left.id,
      leftOld.id,
    ]);
    expect(() => branches.reveal('missing')).toThrowError(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('walks a 10,000-message chain quickly', () => {
    const { store, branches } = open();
    const c = store.conversations.create();
    const insert = store.db.prepare(
      `INSERT INTO messages (id, conversation_id, parent_id, role, content, status, created_at, updated_at)
       VALUES (?, ?, ?, 'user', 'x', 'complete', ?, ?)`,
    );
    store.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) insert.run(`m${i}`, c.id, i ? `m${i - 1}` : null, i, i);
    })();
    const started = performance.now();
    expect(branches.newestLeafUnder('m0')).toBe('m9999');
    branches.setActiveLeaf(c.id, 'm9999');
    expect(branches.activeIds(c.id).size).toBe(10_000);
    expect(branches.groups(c.id)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

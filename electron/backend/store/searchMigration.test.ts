import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getUserVersion, migrate } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { openDatabase } from './openDatabase';
import { SearchRepository } from './SearchRepository';
import { Store } from './Store';
import { useTempDir } from './testSupport';

const V1_ONLY = MIGRATIONS.filter((m) => m.version === 1);

describe('migration 2: message search and pinned conversations', () => {
  const tempDir = useTempDir();
  const dbFile = () => path.join(tempDir(), 'talaria.db');

  /** A database as Talaria with schema v1 left it, with a branched conversation in it. */
  function makeV1Database() {
    const v1 = new Store({ file: dbFile(), migrations: V1_ONLY });
    const c = v1.conversations.create({ title: 'Old chat' });
    const root = v1.messages.insert({
      conversationId: c.id,
      parentId: null,
      role: 'user',
      content: 'How do I parse a café menu in Python?',
      status: 'complete',
    });
    const first = v1.messages.insert({
      conversationId: c.id,
      parentId: root.id,
      role: 'assistant',
      content: 'Use the `csv` module:\n```python\nimport csv\n```',
      status: 'complete',
    });
    const second = v1.messages.insert({
      conversationId: c.id,
      parentId: root.id,
      role: 'assistant',
      content: 'Try pandas, it reads menus well.',
      status: 'complete',
    });
    expect(getUserVersion(v1.db)).toBe(1);
    v1.close();
    return { conversationId: c.id, root, first, second };
  }

  it('upgrades a v1 database with data, indexes the existing messages and adds pinned', () => {
    const old = makeV1Database();
    const store = new Store({ file: dbFile() });
    try {
      expect(store.migration).toEqual({
        from: 1,
        to: LATEST_SCHEMA_VERSION,
        applied: MIGRATIONS.filter((m) => m.version > 1).map((m) => m.name),
      });
      const search = new SearchRepository(store.db);
      // Backfilled: rows written before the index existed are found, on every branch.
      expect(search.search('python').map((h) => h.messageId)).toEqual(
        expect.arrayContaining([old.root.id, old.first.id]),
      );
      expect(search.search('pandas').map((h) => h.messageId)).toEqual([old.second.id]);
      expect(search.search('cafe')[0]).toMatchObject({
        messageId: old.root.id,
        conversationId: old.conversationId,
        conversationTitle: 'Old chat',
        role: 'user',
      });
      expect(store.conversations.isPinned(old.conversationId)).toBe(false);
      expect(search.checkIndex()).toBe(true);
      // The old data is otherwise untouched.
      expect(store.messages.children(old.root.id).map((m) => m.id)).toEqual([
        old.first.id,
        old.second.id,
      ]);
    } finally {
      store.close();
    }
  });

  it('runs through the migration list from an empty file too', () => {
    const db = openDatabase(dbFile());
    try {
      expect(migrate(db).to).toBe(LATEST_SCHEMA_VERSION);
      const names = (
        db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'messages_fts%'").all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'messages_fts',
          'messages_fts_after_insert',
          'messages_fts_after_update',
          'messages_fts_after_delete',
        ]),
      );
    } finally {
      db.close();
    }
  });

  it('keeps the index in step with inserts, edits, subtree deletes and conversation deletes', () => {
    const store = new Store({ file: dbFile() });
    try {
      const search = new SearchRepository(store.db);
      const ids = (q: string) => search.search(q).map((h) => h.messageId);
      const c = store.conversations.create();
      const a = store.messages.insert({
        conversationId: c.id,
        parentId: null,
        role: 'user',
        content: 'alpha',
        status: 'complete',
      });
      const b = store.messages.insert({
        conversationId: c.id,
        parentId: a.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      expect(ids('alpha')).toEqual([a.id]);

      store.messages.update(b.id, { content: 'bravo charlie', status: 'complete' });
      expect(ids('bravo')).toEqual([b.id]);
      // A status-only update keeps the entry (the trigger skips unchanged content).
      store.messages.update(b.id, { status: 'aborted' });
      expect(ids('charlie')).toEqual([b.id]);
      store.messages.update(b.id, { content: 'delta' });
      expect(ids('bravo')).toEqual([]);
      expect(ids('delta')).toEqual([b.id]);

      store.messages.delete(a.id);
      expect([...ids('alpha'), ...ids('delta')]).toEqual([]);

      const c2 = store.conversations.create();
      const e = store.messages.insert({
        conversationId: c2.id,
        parentId: null,
        role: 'user',
        content: 'echo',
        status: 'complete',
      });
      expect(ids('echo')).toEqual([e.id]);
      store.conversations.delete(c2.id);
      expect(ids('echo')).toEqual([]);
      expect(search.checkIndex()).toBe(true);
    } finally {
      store.close();
    }
  });

  it('survives VACUUM: message rowids, and so the external-content index, stay valid', () => {
    const store = new Store({ file: dbFile() });
    try {
      const c = store.conversations.create();
      for (let i = 0; i < 300; i++) {
        store.messages.insert({
          conversationId: c.id,
          parentId: null,
          role: 'user',
          content: `message number${i}`,
          status: 'complete',
        });
      }
      // Holes in the rowid sequence are what a renumbering VACUUM would close.
      store.db.exec("DELETE FROM messages WHERE content LIKE '%number1%'");
      store.db.exec('VACUUM');
      const search = new SearchRepository(store.db);
      expect(search.checkIndex()).toBe(true);
      expect(search.search('number250')[0]?.snippet).toBe('message \u0001number250\u0002');
    } finally {
      store.close();
    }
  });
});

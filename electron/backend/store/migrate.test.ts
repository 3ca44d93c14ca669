import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TalariaError } from '../../../shared/contract/errors';
import { getUserVersion, migrate } from './migrate';
import type { Migration } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { openDatabase } from './openDatabase';
import type { SqliteDatabase } from './openDatabase';
import { Store } from './Store';
import { useTempDir } from './testSupport';

function tableNames(db: SqliteDatabase): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

function columnNames(db: SqliteDatabase, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

function withDb<T>(file: string, fn: (db: SqliteDatabase) => T): T {
  const db = openDatabase(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

// The runner is tested with a made-up migration one past the real list.
const NEXT = LATEST_SCHEMA_VERSION + 1;

const addArchived: Migration = {
  version: NEXT,
  name: 'archived conversations',
  up(db) {
    db.exec('ALTER TABLE conversations ADD COLUMN archived INTEGER NOT NULL DEFAULT 0');
  },
};

describe('migrate', () => {
  const tempDir = useTempDir();
  const dbFile = () => path.join(tempDir(), 'talaria.db');

  it('builds the current schema from an empty database', () => {
    withDb(dbFile(), (db) => {
      expect(getUserVersion(db)).toBe(0);
      const result = migrate(db);
      expect(result).toEqual({
        from: 0,
        to: LATEST_SCHEMA_VERSION,
        applied: MIGRATIONS.map((m) => m.name),
      });
      expect(getUserVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(tableNames(db)).toEqual(
        expect.arrayContaining(['conversations', 'message_stats', 'messages', 'settings']),
      );
      expect(columnNames(db, 'messages')).toEqual([
        'id',
        'conversation_id',
        'parent_id',
        'role',
        'content',
        'status',
        'error',
        'model',
        'created_at',
        'updated_at',
      ]);
      const indexes = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'idx_%'")
        .all() as { name: string }[];
      expect(indexes.map((i) => i.name)).toEqual(
        expect.arrayContaining(['idx_conversations_updated_at', 'idx_messages_parent']),
      );
    });
  });

  it('is idempotent: opening the same file twice applies nothing the second time', () => {
    const first = new Store({ file: dbFile() });
    const id = first.conversations.create({ title: 'kept' }).id;
    first.close();
    const second = new Store({ file: dbFile() });
    try {
      expect(second.migration).toEqual({
        from: LATEST_SCHEMA_VERSION,
        to: LATEST_SCHEMA_VERSION,
        applied: [],
      });
      expect(second.conversations.get(id)?.title).toBe('kept');
    } finally {
      second.close();
    }
  });

  it('upgrades a database left at the previous schema and keeps its rows', () => {
    const v1 = new Store({ file: dbFile() });
    const id = v1.conversations.create({ title: 'from v1' }).id;
    v1.close();

    withDb(dbFile(), (db) => {
      const result = migrate(db, [...MIGRATIONS, addArchived]);
      expect(result).toEqual({
        from: LATEST_SCHEMA_VERSION,
        to: NEXT,
        applied: ['archived conversations'],
      });
      expect(db.prepare('SELECT title, archived FROM conversations WHERE id = ?').get(id)).toEqual({
        title: 'from v1',
        archived: 0,
      });
    });
  });

  it('refuses a database created by a newer Talaria and leaves it untouched', () => {
    withDb(dbFile(), (db) => {
      migrate(db, [...MIGRATIONS, addArchived]);
    });
    let caught: unknown;
    try {
      new Store({ file: dbFile() });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TalariaError);
    expect((caught as TalariaError).code).toBe('INTERNAL');
    expect((caught as TalariaError).message).toMatch(/created by a newer Talaria/);
    // The failed Store released the file and did not downgrade it.
    withDb(dbFile(), (db) => expect(getUserVersion(db)).toBe(NEXT));
  });

  it('rolls a failing migration back and leaves user_version at the last good version', () => {
    const broken: Migration = {
      version: NEXT,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x)');
        db.exec('ALTER TABLE no_such_table ADD COLUMN y');
      },
    };
    withDb(dbFile(), (db) => {
      expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(
        `migration ${NEXT} (broken) failed: no such table: no_such_table`,
      );
      expect(getUserVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(tableNames(db)).not.toContain('half_done');
      // The fixed release then upgrades the same file normally.
      expect(migrate(db, [...MIGRATIONS, addArchived]).to).toBe(NEXT);
    });
  });

  it('keeps the versions that did apply when a later one fails', () => {
    const failing: Migration = {
      version: NEXT + 1,
      name: 'fails',
      up() {
        throw new Error('boom');
      },
    };
    withDb(dbFile(), (db) => {
      expect(() => migrate(db, [...MIGRATIONS, addArchived, failing])).toThrow(TalariaError);
      expect(getUserVersion(db)).toBe(NEXT);
      expect(columnNames(db, 'conversations')).toContain('archived');
    });
  });

  it('runs a table rebuild with foreign keys off and switches them back on', () => {
    const store = new Store({ file: dbFile() });
    const c = store.conversations.create();
    const root = store.messages.insert({
      conversationId: c.id,
      parentId: null,
      role: 'user',
      content: 'hi',
      status: 'complete',
    });
    store.messages.insert({
      conversationId: c.id,
      parentId: root.id,
      role: 'assistant',
      content: 'hello',
      status: 'complete',
    });
    store.close();

    // SQLite's recipe for changing a CHECK constraint: new table, copy, drop, rename.
    const rebuild: Migration = {
      version: NEXT,
      name: 'add developer role',
      disableForeignKeys: true,
      up(db) {
        const sql = (
          db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'messages'").get() as {
            sql: string;
          }
        ).sql
          .replace('CREATE TABLE messages', 'CREATE TABLE messages_new')
          .replace("'tool')", "'tool', 'developer')")
          .replace('REFERENCES messages(id)', 'REFERENCES messages_new(id)');
        db.exec(sql);
        db.exec('INSERT INTO messages_new SELECT * FROM messages');
        db.exec('DROP TABLE messages');
        db.exec('ALTER TABLE messages_new RENAME TO messages');
      },
    };
    withDb(dbFile(), (db) => {
      migrate(db, [...MIGRATIONS, rebuild]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 2 });
      // The new CHECK allows the new role, and the parent constraint still holds.
      expect(() =>
        db
          .prepare(
            `INSERT INTO messages (id, conversation_id, parent_id, role, content, status,
               created_at, updated_at) VALUES ('x', ?, 'missing', 'developer', '', 'complete', 0, 0)`,
          )
          .run(c.id),
      ).toThrow(/FOREIGN KEY/);
    });
  });

  it('refuses to commit a rebuild that leaves dangling references', () => {
    const store = new Store({ file: dbFile() });
    const c = store.conversations.create();
    store.messages.insert({
      conversationId: c.id,
      parentId: null,
      role: 'user',
      content: 'hi',
      status: 'complete',
    });
    store.close();
    const dangling: Migration = {
      version: NEXT,
      name: 'drops conversations',
      disableForeignKeys: true,
      up(db) {
        db.exec('DELETE FROM conversations');
      },
    };
    withDb(dbFile(), (db) => {
      expect(() => migrate(db, [...MIGRATIONS, dangling])).toThrow(/foreign key violations/);
      expect(getUserVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 1 });
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    });
  });

  it('rejects a migration list that is out of order', () => {
    withDb(dbFile(), (db) => {
      expect(() => migrate(db, [addArchived, ...MIGRATIONS])).toThrow(/out of order/);
      expect(getUserVersion(db)).toBe(0);
    });
  });
});

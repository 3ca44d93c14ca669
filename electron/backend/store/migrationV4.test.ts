import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getUserVersion, migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './openDatabase';
import { Store } from './Store';
import { useTempDir } from './testSupport';

const V4_TABLES = [
  'characters',
  'conversation_roleplay',
  'lorebooks',
  'presets',
  'prompt_assemblies',
  'user_personas',
];

describe('migration 4 (presets, characters, personas, lorebooks)', () => {
  const tempDir = useTempDir();

  it('upgrades a version 3 database with chats in it', () => {
    const file = path.join(tempDir(), 'talaria.db');
    const db = openDatabase(file);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    expect(getUserVersion(db)).toBe(3);
    db.prepare(
      `INSERT INTO conversations (id, title, system_prompt, sampling_json, created_at, updated_at)
       VALUES ('c1', 'Old chat', 'be nice', '{}', 1, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (id, conversation_id, parent_id, role, content, status, created_at,
         updated_at) VALUES ('m1', 'c1', NULL, 'user', 'hello', 'complete', 1, 1)`,
    ).run();
    db.close();

    const store = new Store({ file });
    try {
      // Later migrations run after it; this test is about version 4.
      expect(store.migration.from).toBe(3);
      expect(store.migration.applied[0]).toBe('presets, characters, personas and lorebooks');
      const tables = (
        store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(V4_TABLES));
      expect(store.messages.get('m1')?.content).toBe('hello');
      expect(store.conversations.get('c1')?.systemPrompt).toBe('be nice');
      // The old chat has no roleplay settings, and can get some.
      expect(store.roleplay.get('c1').characterId).toBeNull();
      expect(store.roleplay.set('c1', { characterId: 'x' }).characterId).toBe('x');
      store.assemblies.set('m1', {
        sections: [],
        tokens: { total: 1, budget: 2, fits: true },
        droppedMessageIds: [],
        warnings: [],
      });
      expect(store.assemblies.get('m1')?.tokens.total).toBe(1);
    } finally {
      store.close();
    }
  });
});

import type { Migration } from './migrate';

/*
 * Append-only: never edit a migration that has shipped, add a new one. Planned next steps
 * (full-text search as an FTS5 table fed by triggers on messages, branch names, pinned
 * conversations) each become one more entry here.
 */

const v1Initial: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        system_prompt TEXT NOT NULL DEFAULT '',
        sampling_json TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- A safety net only: MessageRepository.delete moves the leaf before deleting it.
        active_leaf_id TEXT REFERENCES messages(id) ON DELETE SET NULL
      );

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        -- No cascade here: SQLite runs FK actions as nested triggers, and a chain of more than
        -- 1000 messages would hit the trigger depth limit. Subtrees are deleted in one
        -- statement by MessageRepository.delete instead.
        parent_id TEXT REFERENCES messages(id),
        role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
        content TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL
          CHECK (status IN ('complete', 'streaming', 'aborted', 'error', 'interrupted')),
        error TEXT,
        model TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE message_stats (
        message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        ttft_ms REAL,
        tokens_per_second REAL,
        prompt_tokens INTEGER NOT NULL,
        evaluated_prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        stop_reason TEXT NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE INDEX idx_conversations_updated_at ON conversations (updated_at DESC);
      CREATE INDEX idx_conversations_active_leaf ON conversations (active_leaf_id);
      CREATE INDEX idx_messages_conversation ON messages (conversation_id, created_at);
      CREATE INDEX idx_messages_parent ON messages (parent_id);
      -- Start-up recovery looks only for rows left streaming; keep that lookup tiny.
      CREATE INDEX idx_messages_streaming ON messages (id) WHERE status = 'streaming';
    `);
  },
};

/*
 * Full-text search over message content, and pinned conversations.
 *
 * `messages_fts` is an external-content FTS5 table: it stores only the index and reads the text
 * from `messages` by rowid, so message text is not stored twice. `messages` has an implicit
 * rowid (TEXT primary key, not WITHOUT ROWID). Such a rowid is not formally guaranteed to
 * survive VACUUM; SQLite 3.53 keeps it (checked), and `SearchRepository.rebuildIndex` restores
 * the index if it ever drifts. A later migration that rebuilds `messages` must recreate these
 * triggers and rebuild the index.
 *
 * unicode61 with remove_diacritics 2 rather than trigram: chat search is word search with
 * prefixes ("regex*"), the index is about a third of a trigram index, and trigram cannot match
 * terms shorter than three characters. Its known gap is unsegmented scripts (CJK), where a run
 * of ideographs is one token and only a prefix query finds a word inside it.
 */
const v2Search: Migration = {
  version: 2,
  name: 'message search and pinned conversations',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX idx_conversations_pinned_updated_at
        ON conversations (pinned DESC, updated_at DESC);

      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content,
        content = 'messages',
        content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.rowid, new.content);
      END;

      CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
          VALUES ('delete', old.rowid, old.content);
      END;

      -- Status and stats updates rewrite content with the same text; skip re-indexing those.
      CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF content ON messages
        WHEN old.content IS NOT new.content BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
          VALUES ('delete', old.rowid, old.content);
        INSERT INTO messages_fts (rowid, content) VALUES (new.rowid, new.content);
      END;

      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [v1Initial, v2Search];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

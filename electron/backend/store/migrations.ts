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
 * triggers and rebuild the index. Never write messages with INSERT OR REPLACE: the row it
 * deletes does not fire the delete trigger (recursive_triggers is off), leaving a stale entry.
 *
 * unicode61 with remove_diacritics 2 rather than trigram: chat search is word search with
 * prefixes ("regex*"); the index, prefix indexes included, is under half a trigram index (25 MB
 * against 53 MB for 100,000 synthetic messages holding 19 MB of text); and trigram cannot
 * match terms shorter than three characters. Its known gap is unsegmented scripts (CJK), where a run
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
        tokenize = 'unicode61 remove_diacritics 2',
        -- Two- and three-character prefix queries ("th*", as-you-type search) otherwise merge
        -- every term with that prefix; these indexes make them as cheap as a word.
        prefix = '2 3'
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

/*
 * Function calling and JSON mode (issue 4): the tools a conversation defines, its tool settings,
 * every tool call with its status and result, the JSON-mode outcome of a message, and what each
 * assistant message was generated with (tools, system prompt), for the prompt inspector.
 * Tool messages themselves are ordinary `messages` rows with role 'tool'.
 */
const v3Tools: Migration = {
  version: 3,
  name: 'tool calls and JSON mode',
  up(db) {
    db.exec(`
      CREATE TABLE tool_definitions (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        parameters_json TEXT NOT NULL,
        mock_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (conversation_id, name)
      );

      CREATE TABLE conversation_tool_settings (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        settings_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE tool_calls (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        result_message_id TEXT REFERENCES messages(id) ON DELETE SET NULL,
        idx INTEGER NOT NULL,
        depth INTEGER NOT NULL,
        name TEXT NOT NULL,
        arguments_json TEXT,
        raw TEXT NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('pending', 'running', 'done', 'error', 'awaiting-user')),
        result TEXT,
        error TEXT,
        duration_ms REAL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE message_extras (
        message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        json_result_json TEXT,
        prompt_context_json TEXT
      );

      CREATE INDEX idx_tool_calls_message ON tool_calls (message_id, idx);
      CREATE INDEX idx_tool_calls_conversation ON tool_calls (conversation_id, created_at);
      CREATE INDEX idx_tool_calls_result_message ON tool_calls (result_message_id);
      -- Start-up recovery looks only for calls left unfinished.
      CREATE INDEX idx_tool_calls_open ON tool_calls (id)
        WHERE status IN ('pending', 'running', 'awaiting-user');
    `);
  },
};

/*
 * Presets, characters, user personas and lorebooks (issue 6), what each conversation uses, and
 * the prompt assembly behind each roleplay reply. Built-in presets ship as files, not rows.
 *
 * conversation_roleplay has no foreign keys to the library tables on purpose: deleting a
 * character must not touch the chats with it, which then read as having no character.
 * Characters and lorebooks keep a few summary columns beside their JSON so the gallery and the
 * lorebook list never parse whole cards (a card with a big lorebook runs to megabytes).
 */
const v4Personas: Migration = {
  version: 4,
  name: 'presets, characters, personas and lorebooks',
  up(db) {
    db.exec(`
      CREATE TABLE presets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        system_prompt TEXT NOT NULL DEFAULT '',
        post_history_instructions TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE characters (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        -- The card normalized to V3, unknown fields and extensions kept.
        card_json TEXT NOT NULL,
        -- A data: URL, or NULL.
        avatar TEXT,
        tags_json TEXT NOT NULL DEFAULT '[]',
        creator TEXT NOT NULL DEFAULT '',
        blurb TEXT NOT NULL DEFAULT '',
        greeting_count INTEGER NOT NULL DEFAULT 0,
        lore_entry_count INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE user_personas (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        avatar TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE lorebooks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        entry_count INTEGER NOT NULL DEFAULT 0,
        book_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE conversation_roleplay (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        preset_id TEXT,
        character_id TEXT,
        persona_id TEXT,
        lorebook_ids_json TEXT NOT NULL DEFAULT '[]'
      );

      CREATE TABLE prompt_assemblies (
        message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        assembly_json TEXT NOT NULL
      );

      CREATE INDEX idx_conversation_roleplay_character ON conversation_roleplay (character_id);
    `);
  },
};

/** Function-calling eval runs: the plan, then one row per case × model × settings variant. */
const v5Eval: Migration = {
  version: 5,
  name: 'eval runs',
  up: (db) => {
    db.exec(`
      CREATE TABLE eval_runs (
        id TEXT PRIMARY KEY,
        -- 'running' | 'cancelled' | 'done' | 'error'; a run left 'running' by a crash resumes.
        status TEXT NOT NULL,
        -- {suites, models, variants, limit}: everything needed to resume the run.
        plan_json TEXT NOT NULL,
        total INTEGER NOT NULL,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE eval_results (
        run_id TEXT NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        variant INTEGER NOT NULL,
        case_id TEXT NOT NULL,
        category TEXT NOT NULL,
        -- The exact prompt text the model saw and its raw output, <tool_call> blocks included.
        prompt TEXT NOT NULL,
        output TEXT NOT NULL,
        correct INTEGER NOT NULL,
        reason TEXT NOT NULL,
        ttft_ms REAL,
        duration_ms REAL NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        tokens_per_second REAL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, model, variant, case_id)
      );
    `);
  },
};

/**
 * World info as SillyTavern does it (issue 17): a lorebook keeps the world-info file it was
 * imported from, so exporting it gives back every field; and each chat keeps its sticky and
 * cooldown timers (SillyTavern's `chat_metadata.timedWorldInfo`), which outlive a restart.
 */
const v6WorldInfo: Migration = {
  version: 6,
  name: 'world-info sources and per-chat timers',
  up(db) {
    db.exec(`
      ALTER TABLE lorebooks ADD COLUMN source_json TEXT;

      CREATE TABLE world_info_timers (
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        -- 'sticky' or 'cooldown'
        kind TEXT NOT NULL,
        -- book name + '.' + entry uid, as SillyTavern keys them
        entry_key TEXT NOT NULL,
        hash TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        protected INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (conversation_id, kind, entry_key)
      );
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [
  v1Initial,
  v2Search,
  v3Tools,
  v4Personas,
  v5Eval,
  v6WorldInfo,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

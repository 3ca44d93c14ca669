import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type {
  ChatRole,
  GenerationStats,
  Message,
  MessageStatus,
} from '../../../shared/contract/types';
import type { Clock, RepositoryOptions } from './clock';
import type { SqliteDatabase } from './openDatabase';
import { MESSAGE_COLUMNS, statsParams, toMessage } from './rows';
import type { MessageRow } from './rows';
import { StatementCache } from './StatementCache';

export const INTERRUPTED_ERROR = 'Generation was interrupted when Talaria closed';

export interface InsertMessageInput {
  conversationId: string;
  /** Must belong to the same conversation; null starts a (possibly additional) root. */
  parentId: string | null;
  role: ChatRole;
  content: string;
  status: MessageStatus;
  model?: string | null;
}

export interface MessagePatch {
  content?: string;
  status?: MessageStatus;
  error?: string | null;
  /** Upserted into message_stats; null removes the stats. */
  stats?: GenerationStats | null;
}

const SELECT_MESSAGE = `SELECT ${MESSAGE_COLUMNS}
  FROM messages m LEFT JOIN message_stats s ON s.message_id = m.id`;

// Parent links cannot form a cycle through this API, but a depth cap keeps a corrupt file
// from turning a path query into an endless loop.
const MAX_DEPTH = 1_000_000;

export class MessageRepository {
  private readonly now: Clock;
  private readonly statements: StatementCache;

  constructor(
    private readonly db: SqliteDatabase,
    options: RepositoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.statements = new StatementCache(db);
  }

  /** Adds a message and makes it the conversation's active leaf, in one transaction. */
  insert(input: InsertMessageInput): Message {
    return this.db.transaction(() => {
      const exists = this.statements.prepare('SELECT 1 FROM conversations WHERE id = ?');
      if (!exists.get(input.conversationId)) {
        throw new TalariaError('NOT_FOUND', `Conversation ${input.conversationId} does not exist`);
      }
      if (input.parentId !== null) {
        const parent = this.get(input.parentId);
        if (parent?.conversationId !== input.conversationId) {
          throw new TalariaError(
            'INVALID_INPUT',
            `Parent message ${input.parentId} is not part of conversation ${input.conversationId}`,
          );
        }
      }
      const id = randomUUID();
      const now = this.now();
      this.statements
        .prepare(
          `INSERT INTO messages (id, conversation_id, parent_id, role, content, status, error,
             model, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
        )
        .run(
          id,
          input.conversationId,
          input.parentId,
          input.role,
          input.content,
          input.status,
          input.model ?? null,
          now,
          now,
        );
      this.statements
        .prepare('UPDATE conversations SET active_leaf_id = ?, updated_at = ? WHERE id = ?')
        .run(id, now, input.conversationId);
      return this.require(id);
    })();
  }

  get(id: string): Message | null {
    const row = this.statements.prepare(`${SELECT_MESSAGE} WHERE m.id = ?`).get(id) as
      MessageRow | undefined;
    return row ? toMessage(row) : null;
  }

  update(id: string, patch: MessagePatch): Message {
    return this.db.transaction(() => {
      const current = this.require(id);
      this.statements
        .prepare(
          'UPDATE messages SET content = ?, status = ?, error = ?, updated_at = ? WHERE id = ?',
        )
        .run(
          patch.content ?? current.content,
          patch.status ?? current.status,
          patch.error === undefined ? current.error : patch.error,
          this.now(),
          id,
        );
      if (patch.stats === null) {
        this.statements.prepare('DELETE FROM message_stats WHERE message_id = ?').run(id);
      } else if (patch.stats !== undefined) {
        this.upsertStats(id, patch.stats);
      }
      return this.require(id);
    })();
  }

  /** The messages from the root down to `leafId`; empty when the leaf does not exist. */
  pathTo(leafId: string): Message[] {
    const rows = this.statements
      .prepare(
        `WITH RECURSIVE path(id, parent_id, depth) AS (
           SELECT id, parent_id, 0 FROM messages WHERE id = @leafId
           UNION ALL
           SELECT m.id, m.parent_id, path.depth + 1
             FROM messages m JOIN path ON m.id = path.parent_id
             WHERE path.depth < @maxDepth
         )
         SELECT ${MESSAGE_COLUMNS}
           FROM path JOIN messages m ON m.id = path.id
           LEFT JOIN message_stats s ON s.message_id = m.id
           ORDER BY path.depth DESC`,
      )
      .all({ leafId, maxDepth: MAX_DEPTH }) as MessageRow[];
    return rows.map(toMessage);
  }

  /** The branch the conversation currently shows, root first; empty for a new conversation. */
  activePath(conversationId: string): Message[] {
    const row = this.statements
      .prepare('SELECT active_leaf_id FROM conversations WHERE id = ?')
      .get(conversationId) as { active_leaf_id: string | null } | undefined;
    return row?.active_leaf_id ? this.pathTo(row.active_leaf_id) : [];
  }

  /** Direct replies to a message (its branches), oldest first. */
  children(parentId: string): Message[] {
    const rows = this.statements
      .prepare(`${SELECT_MESSAGE} WHERE m.parent_id = ? ORDER BY m.created_at, m.rowid`)
      .all(parentId) as MessageRow[];
    return rows.map(toMessage);
  }

  /** The conversation's first messages (several when the first message was edited), oldest first. */
  roots(conversationId: string): Message[] {
    const rows = this.statements
      .prepare(
        `${SELECT_MESSAGE} WHERE m.conversation_id = ? AND m.parent_id IS NULL
           ORDER BY m.created_at, m.rowid`,
      )
      .all(conversationId) as MessageRow[];
    return rows.map(toMessage);
  }

  /**
   * Deletes a message with every reply below it. When the active leaf was in that subtree the
   * conversation falls back to the deleted message's parent. False when it did not exist.
   */
  delete(id: string): boolean {
    return this.db.transaction(() => {
      const message = this.get(id);
      if (!message) return false;
      const leaf = this.statements
        .prepare('SELECT active_leaf_id FROM conversations WHERE id = ?')
        .get(message.conversationId) as { active_leaf_id: string | null } | undefined;
      if (leaf?.active_leaf_id && this.pathTo(leaf.active_leaf_id).some((m) => m.id === id)) {
        this.statements
          .prepare('UPDATE conversations SET active_leaf_id = ? WHERE id = ?')
          .run(message.parentId, message.conversationId);
      }
      // One statement, so the parent_id constraint is checked only once the subtree is gone.
      this.statements
        .prepare(
          `DELETE FROM messages WHERE id IN (
             WITH RECURSIVE subtree(id) AS (
               SELECT @id
               UNION
               SELECT m.id FROM messages m JOIN subtree ON m.parent_id = subtree.id
             )
             SELECT id FROM subtree)`,
        )
        .run({ id });
      return true;
    })();
  }

  /**
   * Start-up recovery: messages left 'streaming' by a crash or a killed process become
   * 'interrupted', keeping whatever text had been saved. Returns how many were changed.
   */
  markInterrupted(): number {
    return this.statements
      .prepare(
        `UPDATE messages SET status = 'interrupted', error = ?, updated_at = ?
           WHERE status = 'streaming'`,
      )
      .run(INTERRUPTED_ERROR, this.now()).changes;
  }

  private upsertStats(id: string, stats: GenerationStats): void {
    this.statements
      .prepare(
        `INSERT INTO message_stats (message_id, ttft_ms, tokens_per_second, prompt_tokens,
           evaluated_prompt_tokens, completion_tokens, duration_ms, stop_reason)
         VALUES (@messageId, @ttftMs, @tokensPerSecond, @promptTokens, @evaluatedPromptTokens,
           @completionTokens, @durationMs, @stopReason)
         ON CONFLICT (message_id) DO UPDATE SET
           ttft_ms = excluded.ttft_ms,
           tokens_per_second = excluded.tokens_per_second,
           prompt_tokens = excluded.prompt_tokens,
           evaluated_prompt_tokens = excluded.evaluated_prompt_tokens,
           completion_tokens = excluded.completion_tokens,
           duration_ms = excluded.duration_ms,
           stop_reason = excluded.stop_reason`,
      )
      .run(statsParams(id, stats));
  }

  private require(id: string): Message {
    const message = this.get(id);
    if (!message) throw new TalariaError('NOT_FOUND', `Message ${id} does not exist`);
    return message;
  }
}

import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type {
  Conversation,
  ConversationSummary,
  SamplingParams,
} from '../../../shared/contract/types';
import type { Clock, RepositoryOptions } from './clock';
import type { SqliteDatabase } from './openDatabase';
import { StatementCache } from './StatementCache';
import { PREVIEW_LENGTH, toConversation, toSummary } from './rows';
import type { ConversationRow, SummaryRow } from './rows';

export const DEFAULT_CONVERSATION_TITLE = 'New conversation';

export interface CreateConversationInput {
  title?: string;
  systemPrompt?: string;
  sampling?: Partial<SamplingParams>;
}

export interface ConversationPatch {
  systemPrompt?: string;
  /** Replaces the stored overrides as a whole. */
  sampling?: Partial<SamplingParams>;
  /** Must be a message of this conversation, or null. */
  activeLeafId?: string | null;
}

/**
 * Conversations. `updatedAt` means "last activity": it moves when a message is added or on
 * `touch`, not on rename or settings changes, so the sidebar order follows the chatting.
 */
export class ConversationRepository {
  private readonly now: Clock;
  private readonly statements: StatementCache;

  constructor(
    private readonly db: SqliteDatabase,
    options: RepositoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.statements = new StatementCache(db);
  }

  create(input: CreateConversationInput = {}): Conversation {
    const now = this.now();
    const row: ConversationRow = {
      id: randomUUID(),
      title: input.title?.trim() || DEFAULT_CONVERSATION_TITLE,
      system_prompt: input.systemPrompt ?? '',
      sampling_json: JSON.stringify(input.sampling ?? {}),
      created_at: now,
      updated_at: now,
      active_leaf_id: null,
    };
    this.statements
      .prepare(
        `INSERT INTO conversations
           (id, title, system_prompt, sampling_json, created_at, updated_at, active_leaf_id)
         VALUES (@id, @title, @system_prompt, @sampling_json, @created_at, @updated_at,
           @active_leaf_id)`,
      )
      .run(row);
    return toConversation(row);
  }

  get(id: string): Conversation | null {
    const row = this.statements.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as
      ConversationRow | undefined;
    return row ? toConversation(row) : null;
  }

  /**
   * Newest activity first. `messageCount` counts every message, branches included; the
   * preview is the latest non-empty message, so a reply that has just started streaming does
   * not blank the sidebar.
   */
  list(): ConversationSummary[] {
    const rows = this.statements
      .prepare(
        `SELECT c.id, c.title, c.created_at, c.updated_at,
           (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
           (SELECT substr(m.content, 1, @cut) FROM messages m
             WHERE m.conversation_id = c.id AND m.content <> ''
             ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1) AS preview
         FROM conversations c
         ORDER BY c.updated_at DESC, c.rowid DESC`,
      )
      // Whitespace is collapsed after the cut, so leave room for it.
      .all({ cut: PREVIEW_LENGTH * 4 }) as SummaryRow[];
    return rows.map(toSummary);
  }

  rename(id: string, title: string): Conversation {
    const trimmed = title.trim();
    if (!trimmed) throw new TalariaError('INVALID_INPUT', 'A conversation title cannot be empty');
    this.statements.prepare('UPDATE conversations SET title = ? WHERE id = ?').run(trimmed, id);
    return this.require(id);
  }

  update(id: string, patch: ConversationPatch): Conversation {
    return this.db.transaction(() => {
      const current = this.require(id);
      const leaf = patch.activeLeafId === undefined ? current.activeLeafId : patch.activeLeafId;
      if (leaf !== null && leaf !== current.activeLeafId) this.checkLeaf(id, leaf);
      this.statements
        .prepare(
          `UPDATE conversations
             SET system_prompt = ?, sampling_json = ?, active_leaf_id = ? WHERE id = ?`,
        )
        .run(
          patch.systemPrompt ?? current.systemPrompt,
          JSON.stringify(patch.sampling ?? current.sampling),
          leaf,
          id,
        );
      return this.require(id);
    })();
  }

  /** Deletes the conversation with all its messages and stats; false when it did not exist. */
  delete(id: string): boolean {
    return this.statements.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
  }

  touch(id: string): void {
    const result = this.statements
      .prepare('UPDATE conversations SET updated_at = ? WHERE id = ?')
      .run(this.now(), id);
    if (result.changes === 0) throw notFound(id);
  }

  private require(id: string): Conversation {
    const conversation = this.get(id);
    if (!conversation) throw notFound(id);
    return conversation;
  }

  private checkLeaf(conversationId: string, leafId: string): void {
    const row = this.statements
      .prepare('SELECT conversation_id FROM messages WHERE id = ?')
      .get(leafId) as { conversation_id: string } | undefined;
    if (row?.conversation_id !== conversationId) {
      throw new TalariaError(
        'INVALID_INPUT',
        `Message ${leafId} is not part of conversation ${conversationId}`,
      );
    }
  }
}

function notFound(id: string): TalariaError {
  return new TalariaError('NOT_FOUND', `Conversation ${id} does not exist`);
}

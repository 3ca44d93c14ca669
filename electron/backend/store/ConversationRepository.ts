import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type {
  Conversation,
  ConversationSummary,
  Message,
  SamplingParams,
} from '../../../shared/contract/types';
import type { Clock, RepositoryOptions } from './clock';
import type { SqliteDatabase } from './openDatabase';
import { insertTree, readSource, sourceToTree } from './conversationTrees';
import { copyRoleplay } from './RoleplayRepository';
import { StatementCache } from './StatementCache';
import { PREVIEW_LENGTH, toConversation, toSummary } from './rows';
import type { ConversationRow, SummaryRow } from './rows';

export const DEFAULT_CONVERSATION_TITLE = 'New conversation';
/** The longest title `conversations.rename` accepts. */
const MAX_TITLE_CHARS = 500;

export interface ListPageOptions {
  /** Default 200, at most 10,000. */
  limit?: number;
  offset?: number;
}

export interface ConversationListItem extends ConversationSummary {
  pinned: boolean;
}

export interface ConversationPage {
  conversations: ConversationListItem[];
  /** All conversations, for the virtualized list's height. */
  total: number;
}

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

  /** Pins or unpins; pinned conversations head `listPage`. Does not change `updatedAt`. */
  setPinned(id: string, pinned: boolean): void {
    const result = this.statements
      .prepare('UPDATE conversations SET pinned = ? WHERE id = ?')
      .run(pinned ? 1 : 0, id);
    if (result.changes === 0) throw notFound(id);
  }

  isPinned(id: string): boolean {
    const row = this.statements.prepare('SELECT pinned FROM conversations WHERE id = ?').get(id) as
      { pinned: number } | undefined;
    if (!row) throw notFound(id);
    return row.pinned !== 0;
  }

  /**
   * One page of the sidebar: pinned conversations first, then newest activity first, with the
   * total count for a virtualized list. Same summaries as `list`, plus `pinned`.
   */
  listPage(options: ListPageOptions = {}): ConversationPage {
    const limit = Math.min(Math.max(0, Math.trunc(options.limit ?? 200)), 10_000);
    const offset = Math.max(0, Math.trunc(options.offset ?? 0));
    const rows = this.statements
      .prepare(
        `SELECT c.id, c.title, c.created_at, c.updated_at, c.pinned,
           (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
           (SELECT substr(m.content, 1, @cut) FROM messages m
             WHERE m.conversation_id = c.id AND m.content <> ''
             ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1) AS preview
         FROM conversations c
         ORDER BY c.pinned DESC, c.updated_at DESC, c.rowid DESC
         LIMIT @limit OFFSET @offset`,
      )
      .all({ cut: PREVIEW_LENGTH * 4, limit, offset }) as (SummaryRow & { pinned: number })[];
    const total = (
      this.statements.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }
    ).n;
    return {
      conversations: rows.map((row) => ({ ...toSummary(row), pinned: row.pinned !== 0 })),
      total,
    };
  }

  /**
   * Copies a conversation with every branch, stats and settings (roleplay ones included) under
   * new ids, in one transaction. The copy is unpinned and counts as new activity.
   */
  duplicate(id: string, options: { title?: string } = {}): Conversation {
    return this.db.transaction(() => {
      const source = readSource(this.statements, id);
      if (!source) throw notFound(id);
      const title = options.title?.trim() || withSuffix(source.conversation.title, ' (copy)');
      const tree = sourceToTree(source, { title, now: this.now() });
      const copyId = insertTree(this.statements, tree, randomUUID);
      copyRoleplay(this.statements, id, copyId);
      return this.require(copyId);
    })();
  }

  /**
   * Starts a new conversation from the branch that leads to `messageId` (root to that message,
   * inclusive), which becomes the new conversation's active leaf.
   */
  fork(messageId: string, options: { title?: string } = {}): Conversation {
    return this.db.transaction(() => {
      const owner = this.statements
        .prepare('SELECT conversation_id FROM messages WHERE id = ?')
        .get(messageId) as { conversation_id: string } | undefined;
      if (!owner) throw new TalariaError('NOT_FOUND', `Message ${messageId} does not exist`);
      const source = readSource(this.statements, owner.conversation_id);
      if (!source) throw notFound(owner.conversation_id);
      const byId = new Map(source.messages.map((m) => [m.id, m]));
      const path: Message[] = [];
      for (let m = byId.get(messageId); m; m = m.parentId ? byId.get(m.parentId) : undefined) {
        path.push(m);
        if (path.length > byId.size) break;
      }
      const title = options.title?.trim() || withSuffix(source.conversation.title, ' (fork)');
      const tree = sourceToTree(source, {
        title,
        now: this.now(),
        messages: path.reverse(),
        activeLeafId: messageId,
      });
      const forkId = insertTree(this.statements, tree, randomUUID);
      copyRoleplay(this.statements, owner.conversation_id, forkId);
      return this.require(forkId);
    })();
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

/** Appends a suffix, shortening the title so the result stays within the 500-character limit. */
function withSuffix(title: string, suffix: string): string {
  const room = MAX_TITLE_CHARS - suffix.length;
  const chars = Array.from(title);
  return `${chars.length > room ? chars.slice(0, room).join('').trimEnd() : title}${suffix}`;
}

function notFound(id: string): TalariaError {
  return new TalariaError('NOT_FOUND', `Conversation ${id} does not exist`);
}

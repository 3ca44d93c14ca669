import { TalariaError } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/contract/types';
import type { SqliteDatabase } from './openDatabase';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from './rows';
import { StatementCache } from './StatementCache';

/** Replies to one message (or the roots) when there are several. */
export interface StoredBranchGroup {
  parentId: string | null;
  /** Oldest first. */
  messageIds: string[];
}

// A corrupt file could hold a parent cycle; walks stop after this many steps.
const MAX_DEPTH = 1_000_000;

/**
 * Reads and moves between the branches of a conversation's message tree. The shown branch is
 * the path from a root to `conversations.active_leaf_id`.
 */
export class BranchRepository {
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  /** Every parent with more than one reply (null for several roots), in creation order. */
  groups(conversationId: string): StoredBranchGroup[] {
    const rows = this.statements
      .prepare(
        `SELECT m.id, m.parent_id FROM messages m
         JOIN (SELECT parent_id FROM messages WHERE conversation_id = @id
               GROUP BY parent_id HAVING COUNT(*) > 1) g
           ON m.parent_id IS g.parent_id
         WHERE m.conversation_id = @id
         ORDER BY m.created_at, m.rowid`,
      )
      .all({ id: conversationId }) as { id: string; parent_id: string | null }[];
    const byParent = new Map<string | null, string[]>();
    for (const row of rows) {
      const list = byParent.get(row.parent_id);
      if (list) list.push(row.id);
      else byParent.set(row.parent_id, [row.id]);
    }
    return [...byParent].map(([parentId, messageIds]) => ({ parentId, messageIds }));
  }

  /** The conversation a message belongs to; NOT_FOUND when the message does not exist. */
  conversationOf(messageId: string): string {
    const row = this.statements
      .prepare('SELECT conversation_id FROM messages WHERE id = ?')
      .get(messageId) as { conversation_id: string } | undefined;
    if (!row) throw new TalariaError('NOT_FOUND', 'That message does not exist any more.');
    return row.conversation_id;
  }

  /** Ids from the active leaf up to the root. */
  activeIds(conversationId: string): Set<string> {
    const rows = this.statements
      .prepare(
        `WITH RECURSIVE up(id, depth) AS (
           SELECT active_leaf_id, 0 FROM conversations WHERE id = @id
           UNION ALL
           SELECT m.parent_id, up.depth + 1 FROM messages m JOIN up ON m.id = up.id
             WHERE m.parent_id IS NOT NULL AND up.depth < @max
         )
         SELECT id FROM up WHERE id IS NOT NULL`,
      )
      .all({ id: conversationId, max: MAX_DEPTH }) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The last `limit` messages of the shown branch, root side first, and whether that is all of
   * it. Walks up from the leaf only as far as needed, so the end of a 10,000-message branch
   * costs as much as a short one.
   */
  activeTail(conversationId: string, limit: number): { messages: Message[]; complete: boolean } {
    const rows = this.statements
      .prepare(
        `WITH RECURSIVE up(id, parent_id, depth) AS (
           SELECT m.id, m.parent_id, 0 FROM conversations c JOIN messages m ON m.id = c.active_leaf_id
             WHERE c.id = @id
           UNION ALL
           SELECT m.id, m.parent_id, up.depth + 1 FROM messages m JOIN up ON m.id = up.parent_id
             WHERE up.depth < @limit
         )
         SELECT ${MESSAGE_COLUMNS}
           FROM up JOIN messages m ON m.id = up.id
           LEFT JOIN message_stats s ON s.message_id = m.id
           ORDER BY up.depth DESC`,
      )
      .all({ id: conversationId, limit }) as MessageRow[];
    // One row more than asked for tells whether there is anything above the tail.
    const complete = rows.length <= limit;
    const kept = complete ? rows : rows.slice(rows.length - limit);
    return { messages: kept.map(toMessage), complete };
  }

  /** Follows the newest reply at every level below a message; the message itself if none. */
  newestLeafUnder(messageId: string): string {
    const row = this.statements
      .prepare(
        `WITH RECURSIVE down(id, depth) AS (
           SELECT @id, 0
           UNION ALL
           SELECT (SELECT c.id FROM messages c WHERE c.parent_id = down.id
                   ORDER BY c.created_at DESC, c.rowid DESC LIMIT 1), down.depth + 1
             FROM down WHERE down.id IS NOT NULL AND down.depth < @max
         )
         SELECT id FROM down WHERE id IS NOT NULL ORDER BY depth DESC LIMIT 1`,
      )
      .get({ id: messageId, max: MAX_DEPTH }) as { id: string } | undefined;
    return row?.id ?? messageId;
  }

  /** Sets the shown branch without counting as activity. */
  setActiveLeaf(conversationId: string, leafId: string | null): void {
    this.statements
      .prepare('UPDATE conversations SET active_leaf_id = ? WHERE id = ?')
      .run(leafId, conversationId);
  }

  /**
   * Makes a message part of the shown branch: unchanged when it already is, otherwise the
   * newest branch below it is shown. Returns the conversation id.
   */
  reveal(messageId: string): string {
    return this.db.transaction(() => {
      const conversationId = this.conversationOf(messageId);
      if (!this.activeIds(conversationId).has(messageId)) {
        this.setActiveLeaf(conversationId, this.newestLeafUnder(messageId));
      }
      return conversationId;
    })();
  }

  /** Replies to a parent (or the roots when null), oldest first. */
  siblingsOf(conversationId: string, parentId: string | null): string[] {
    const rows = this.statements
      .prepare(
        `SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ?
         ORDER BY created_at, rowid`,
      )
      .all(conversationId, parentId) as { id: string }[];
    return rows.map((r) => r.id);
  }
}

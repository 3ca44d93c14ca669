import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/contract/types';
import type { ConversationTree, ExportSource } from '../../../shared/chatExport/types';
import { insertTree, readSource } from './conversationTrees';
import type { SqliteDatabase } from './openDatabase';
import { StatementCache } from './StatementCache';

export interface TransferRepositoryOptions {
  /** Id factory for imported rows; tests can make it collide to exercise rollback. */
  newId?: () => string;
}

/** Whole-conversation reads and writes for export and import. */
export class TransferRepository {
  private readonly statements: StatementCache;
  private readonly newId: () => string;

  constructor(
    private readonly db: SqliteDatabase,
    options: TransferRepositoryOptions = {},
  ) {
    this.statements = new StatementCache(db);
    this.newId = options.newId ?? randomUUID;
  }

  /** A conversation with every branch; NOT_FOUND when it does not exist. */
  readSource(conversationId: string): ExportSource {
    const source = readSource(this.statements, conversationId);
    if (!source) {
      throw new TalariaError('NOT_FOUND', `Conversation ${conversationId} does not exist`);
    }
    return source;
  }

  /** Every conversation id in sidebar order (pinned first, then newest activity). */
  listIds(): string[] {
    const rows = this.statements
      .prepare('SELECT id FROM conversations ORDER BY pinned DESC, updated_at DESC, rowid DESC')
      .all() as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Runs `fn` on one consistent snapshot, so a multi-conversation export is not torn. */
  snapshot<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** The active branch of a source, root first (what the Markdown export shows). */
  static activePath(source: ExportSource): Message[] {
    const byId = new Map(source.messages.map((m) => [m.id, m]));
    const path: Message[] = [];
    let id: string | null = source.conversation.activeLeafId;
    while (id !== null && path.length <= byId.size) {
      const message = byId.get(id);
      if (!message) break;
      path.push(message);
      id = message.parentId;
    }
    return path.reverse();
  }

  /**
   * Inserts conversations under new ids in ONE transaction: if any row fails, none of them is
   * kept. Returns the new conversation ids in the order given.
   */
  importTrees(trees: readonly ConversationTree[]): string[] {
    return this.db
      .transaction(() => trees.map((t) => insertTree(this.statements, t, this.newId)))
      .immediate();
  }
}

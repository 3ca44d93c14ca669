import { TalariaError } from '../../../shared/contract/errors';
import type { PromptAssemblyRecord } from '../../../shared/contract/personas';
import type { SqliteDatabase } from './openDatabase';
import { parseJson } from './rows';
import { StatementCache } from './StatementCache';

/** The prompt assembly behind each roleplay reply, for the prompt inspector. */
export class AssemblyRepository {
  private readonly statements: StatementCache;

  constructor(db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  /** Replaces the message's assembly; NOT_FOUND when the message does not exist. */
  set(messageId: string, record: PromptAssemblyRecord): void {
    const exists = this.statements.prepare('SELECT 1 FROM messages WHERE id = ?');
    if (!exists.get(messageId)) {
      throw new TalariaError('NOT_FOUND', `Message ${messageId} does not exist`);
    }
    this.statements
      .prepare(
        `INSERT INTO prompt_assemblies (message_id, assembly_json) VALUES (?, ?)
         ON CONFLICT (message_id) DO UPDATE SET assembly_json = excluded.assembly_json`,
      )
      .run(messageId, JSON.stringify(record));
  }

  /** Null for messages without one (or an unreadable one). */
  get(messageId: string): PromptAssemblyRecord | null {
    const row = this.statements
      .prepare('SELECT assembly_json FROM prompt_assemblies WHERE message_id = ?')
      .get(messageId) as { assembly_json: string } | undefined;
    return row ? parseJson<PromptAssemblyRecord | null>(row.assembly_json, null) : null;
  }
}

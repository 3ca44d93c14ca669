import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './openDatabase';

/**
 * Prepares each SQL text once per connection. Streaming updates a message many times, and
 * re-preparing on every call would parse the SQL each time.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: SqliteDatabase) {}

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

import { TalariaError } from '../../../shared/contract/errors';
import type { Clock, RepositoryOptions } from './clock';
import type { SqliteDatabase } from './openDatabase';
import { parseJson } from './rows';
import { StatementCache } from './StatementCache';

const CORRUPT = Symbol('corrupt');

/** Whether a stored value can stand in for a fallback of the given shape. */
function sameKind(value: unknown, fallback: unknown): boolean {
  // A stored null was put there on purpose (e.g. "no model chosen"), so it is kept.
  if (value === null || fallback === null || fallback === undefined) return true;
  if (Array.isArray(fallback)) return Array.isArray(value);
  if (typeof fallback === 'object') {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
  return typeof value === typeof fallback;
}

/** Key/value settings stored as JSON. */
export class SettingsRepository {
  private readonly now: Clock;
  private readonly statements: StatementCache;

  constructor(db: SqliteDatabase, options: RepositoryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.statements = new StatementCache(db);
  }

  /**
   * The stored value, or `fallback` when the key is missing, its JSON is corrupt, or it holds a
   * different kind of value than the fallback (say, a string where a number is expected). A
   * stored null is returned as is.
   */
  get<T>(key: string, fallback: T): T {
    const row = this.statements
      .prepare('SELECT value_json FROM settings WHERE key = ?')
      .get(key) as { value_json: string } | undefined;
    if (!row) return fallback;
    const value = parseJson<unknown>(row.value_json, CORRUPT);
    return value !== CORRUPT && sameKind(value, fallback) ? (value as T) : fallback;
  }

  /** Stores any JSON value; `undefined` removes the key. */
  set(key: string, value: unknown): void {
    if (value === undefined) {
      this.delete(key);
      return;
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TalariaError('INVALID_INPUT', `Setting ${key} cannot be saved: ${reason}`);
    }
    if (json === undefined) {
      throw new TalariaError('INVALID_INPUT', `Setting ${key} cannot be saved as JSON`);
    }
    this.statements
      .prepare(
        `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json,
           updated_at = excluded.updated_at`,
      )
      .run(key, json, this.now());
  }

  delete(key: string): boolean {
    return this.statements.prepare('DELETE FROM settings WHERE key = ?').run(key).changes > 0;
  }

  /** Every readable setting; rows with corrupt JSON are left out. */
  all(): Record<string, unknown> {
    const rows = this.statements
      .prepare('SELECT key, value_json FROM settings ORDER BY key')
      .all() as { key: string; value_json: string }[];
    const result: Record<string, unknown> = {};
    for (const row of rows) {
      const value = parseJson<unknown>(row.value_json, CORRUPT);
      if (value !== CORRUPT) result[row.key] = value;
    }
    return result;
  }
}

import { TalariaError } from '../../../shared/contract/errors';
import type { SqliteDatabase } from './openDatabase';
import { MIGRATIONS } from './migrations';

export interface Migration {
  /** The `PRAGMA user_version` the database has once this migration is applied. */
  version: number;
  /** Short description, for logs and error messages. */
  name: string;
  /**
   * Set for migrations that rebuild a table (SQLite's "create new, copy, drop, rename"
   * recipe): foreign keys can only be switched off outside a transaction, so the runner does it
   * around the migration and runs `PRAGMA foreign_key_check` before committing.
   */
  disableForeignKeys?: boolean;
  up(db: SqliteDatabase): void;
}

export interface MigrationResult {
  from: number;
  to: number;
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
}

export function getUserVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new TalariaError(
        'INTERNAL',
        `Migration list is out of order at version ${m.version} (${m.name})`,
      );
    }
    previous = m.version;
  }
}

/**
 * Brings the schema up to the newest version in `migrations`. Each migration runs in its own
 * transaction together with its `user_version` bump, so a failure leaves the database at the
 * last version that completed. Refuses a database written by a newer Talaria.
 */
export function migrate(
  db: SqliteDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationResult {
  checkOrder(migrations);
  const from = getUserVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new TalariaError(
      'INTERNAL',
      `This database was created by a newer Talaria (schema version ${from}; this version ` +
        `understands up to ${latest}). Update Talaria to open it.`,
      { databaseVersion: from, supportedVersion: latest },
    );
  }

  const applied: string[] = [];
  for (const m of migrations) {
    if (m.version <= from) continue;
    if (applyOne(db, m)) applied.push(m.name);
  }
  return { from, to: getUserVersion(db), applied };
}

function applyOne(db: SqliteDatabase, m: Migration): boolean {
  const run = db.transaction((): boolean => {
    // Another process may have migrated between our first read and taking the write lock.
    if (getUserVersion(db) >= m.version) return false;
    m.up(db);
    if (m.disableForeignKeys) {
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) throw new Error(`${violations.length} foreign key violations`);
    }
    db.pragma(`user_version = ${m.version}`);
    return true;
  });

  if (m.disableForeignKeys) db.pragma('foreign_keys = OFF');
  try {
    // IMMEDIATE takes the write lock up front, so two processes cannot interleave migrations.
    return run.immediate();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TalariaError(
      'INTERNAL',
      `Database migration ${m.version} (${m.name}) failed: ${reason}`,
      { version: m.version, name: m.name },
    );
  } finally {
    if (m.disableForeignKeys) db.pragma('foreign_keys = ON');
  }
}

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** How long a statement waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  /**
   * Path of a better-sqlite3 addon built for this runtime. Electron needs its own ABI build
   * (better-sqlite3 is not N-API), while node_modules holds the one plain Node uses.
   */
  nativeBinding?: string;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

function isInMemory(file: string): boolean {
  return file === ':memory:' || file === '' || file.startsWith('file::memory:');
}

/**
 * Opens (creating if needed) a SQLite database with Talaria's connection settings. Only unit
 * tests should pass ':memory:'; the app and integration tests use real files.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!isInMemory(file)) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  const db = new Database(file, {
    timeout: busyTimeoutMs,
    ...(options.nativeBinding && { nativeBinding: options.nativeBinding }),
  });
  try {
    // WAL lets the renderer's reads proceed while a streamed message is being written.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL is durable against application crashes (a committed transaction
    // survives a killed process); only the last transactions can roll back on an OS crash or
    // power loss. That is acceptable for chat history, and it avoids an fsync on every commit
    // of a streamed-message update (FULL would sync the WAL each time).
    db.pragma('synchronous = NORMAL');
    // SQLite leaves foreign keys off per connection; the schema relies on them for cascades.
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

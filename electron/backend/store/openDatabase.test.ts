import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase } from './openDatabase';
import { useTempDir } from './testSupport';

describe('openDatabase', () => {
  const tempDir = useTempDir();

  it('sets WAL, synchronous NORMAL, foreign keys and a busy timeout on a real file', () => {
    const db = openDatabase(path.join(tempDir(), 'talaria.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 1 is NORMAL (0 OFF, 2 FULL, 3 EXTRA).
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(DEFAULT_BUSY_TIMEOUT_MS);
    } finally {
      db.close();
    }
  });

  it('honours a custom busy timeout', () => {
    const db = openDatabase(path.join(tempDir(), 'talaria.db'), { busyTimeoutMs: 1234 });
    try {
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    } finally {
      db.close();
    }
  });

  it('creates missing parent folders', () => {
    const file = path.join(tempDir(), 'a', 'b', 'c', 'talaria.db');
    const db = openDatabase(file);
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('leaves the file in WAL mode for any later connection', () => {
    const file = path.join(tempDir(), 'talaria.db');
    openDatabase(file).close();
    const plain = new Database(file);
    try {
      expect(plain.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      plain.close();
    }
  });

  it('accepts :memory: for unit tests', () => {
    const db = openDatabase(':memory:');
    try {
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.memory).toBe(true);
    } finally {
      db.close();
    }
  });
});

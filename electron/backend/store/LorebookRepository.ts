import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type { Lorebook, LorebookSummary } from '../../../shared/contract/personas';
import type { CharacterBook } from '../../../shared/cards';
import type { WorldInfoSource } from '../../../shared/cards/worldInfoExport';
import type { Clock, RepositoryOptions } from './clock';
import type { SqliteDatabase } from './openDatabase';
import { parseJson } from './rows';
import { StatementCache } from './StatementCache';

export interface LorebookWrite {
  name: string;
  /** Already normalized. */
  book: CharacterBook;
}

export interface LorebookInsert extends LorebookWrite {
  /** The SillyTavern world-info file it was imported from (kept for a lossless export). */
  source?: WorldInfoSource;
}

interface LorebookRow {
  id: string;
  name: string;
  book_json: string;
  created_at: number;
  updated_at: number;
}

interface SummaryRow {
  id: string;
  name: string;
  description: string;
  entry_count: number;
  updated_at: number;
}

function columns(input: LorebookWrite) {
  return {
    name: input.name.trim(),
    description: input.book.description ?? '',
    entry_count: input.book.entries.length,
    book_json: JSON.stringify(input.book),
  };
}

/** Standalone world-info books. */
export class LorebookRepository {
  private readonly now: Clock;
  private readonly statements: StatementCache;

  constructor(db: SqliteDatabase, options: RepositoryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.statements = new StatementCache(db);
  }

  /** By name; the books themselves are not read. */
  list(): LorebookSummary[] {
    const rows = this.statements
      .prepare(
        `SELECT id, name, description, entry_count, updated_at FROM lorebooks
         ORDER BY name COLLATE NOCASE, created_at`,
      )
      .all() as SummaryRow[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      entryCount: row.entry_count,
      updatedAt: row.updated_at,
    }));
  }

  get(id: string): Lorebook | null {
    const row = this.statements
      .prepare('SELECT id, name, book_json, created_at, updated_at FROM lorebooks WHERE id = ?')
      .get(id) as LorebookRow | undefined;
    if (!row) return null;
    const book = parseJson<CharacterBook | null>(row.book_json, null);
    if (!book) return null;
    return {
      id: row.id,
      name: row.name,
      book,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** The world-info file the book was imported from, if it was. */
  source(id: string): WorldInfoSource | null {
    const row = this.statements
      .prepare('SELECT source_json FROM lorebooks WHERE id = ?')
      .get(id) as { source_json: string | null } | undefined;
    return row?.source_json ? parseJson<WorldInfoSource | null>(row.source_json, null) : null;
  }

  exists(id: string): boolean {
    return this.statements.prepare('SELECT 1 FROM lorebooks WHERE id = ?').get(id) !== undefined;
  }

  insert(input: LorebookInsert): Lorebook {
    const now = this.now();
    const id = randomUUID();
    const source = input.source ? JSON.stringify(input.source) : null;
    this.statements
      .prepare(
        `INSERT INTO lorebooks (id, name, description, entry_count, book_json, source_json,
           created_at, updated_at)
         VALUES (@id, @name, @description, @entry_count, @book_json, @source, @now, @now)`,
      )
      .run({ id, ...columns(input), source, now });
    return this.get(id) as Lorebook;
  }

  update(id: string, input: LorebookWrite): Lorebook {
    const result = this.statements
      .prepare(
        `UPDATE lorebooks SET name = @name, description = @description,
           entry_count = @entry_count, book_json = @book_json, updated_at = @now
         WHERE id = @id`,
      )
      .run({ id, ...columns(input), now: this.now() });
    if (result.changes === 0) throw new TalariaError('NOT_FOUND', `Lorebook ${id} does not exist`);
    return this.get(id) as Lorebook;
  }

  delete(id: string): boolean {
    return this.statements.prepare('DELETE FROM lorebooks WHERE id = ?').run(id).changes > 0;
  }
}

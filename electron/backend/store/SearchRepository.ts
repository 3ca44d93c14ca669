import type { ChatRole } from '../../../shared/contract/types';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/chatExport/searchHighlight';
import { toFtsQuery } from './ftsQuery';
import type { SqliteDatabase } from './openDatabase';
import { StatementCache } from './StatementCache';

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 500;
/** Deep paging through FTS results costs as much as reading them all; nobody pages this far. */
export const MAX_SEARCH_OFFSET = 10_000;
/** Tokens of context a snippet shows around the hits (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 16;

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /**
   * 'relevance' (default): bm25 order among the newest RELEVANCE_WINDOW matches.
   * 'recent': most recently stored first (imported messages count as stored at import).
   */
  order?: 'relevance' | 'recent';
}

/** One message that matched. */
export interface SearchHit {
  messageId: string;
  conversationId: string;
  conversationTitle: string;
  role: ChatRole;
  /**
   * A short excerpt around the hits; each hit is wrapped in HIGHLIGHT_START / HIGHLIGHT_END
   * (see shared/chatExport/searchHighlight). Plain text otherwise: never HTML.
   */
  snippet: string;
  createdAt: number;
  /** bm25 score; lower is a better match. */
  rank: number;
}

/**
 * Relevance is ranked among this many most recent matches. bm25 must score every candidate,
 * and a common word matches most of a 100,000-message history (170 ms to rank them all here,
 * against a 30 ms goal); a search for something rarer is ranked exactly.
 */
export const RELEVANCE_WINDOW = 2000;

interface RankedRow {
  rowid: number;
  rank: number;
}

interface DetailRow {
  rowid: number;
  snippet: string;
  message_id: string;
  conversation_id: string;
  conversation_title: string;
  role: ChatRole;
  created_at: number;
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

const SNIPPET = `snippet(messages_fts, 0, @start, @end, '…', ${SNIPPET_TOKENS})`;

/**
 * Full-text search over every message, branches included (the FTS5 index of migration 2).
 *
 * Snippets are built in a second pass over just the rows returned, because a snippet for
 * every candidate would cost more than the search itself.
 */
export class SearchRepository {
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  /** Messages matching what the user typed; [] when there is nothing to search for. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const match = toFtsQuery(query);
    if (match === null) return [];
    const limit = clampInt(options.limit, DEFAULT_SEARCH_LIMIT, 0, MAX_SEARCH_LIMIT);
    const offset = clampInt(options.offset, 0, 0, MAX_SEARCH_OFFSET);
    if (limit === 0) return [];
    // One read transaction, so both passes see the same snapshot.
    return this.db.transaction(() => {
      const ranked =
        options.order === 'recent'
          ? this.recent(match, limit, offset)
          : this.relevant(match, limit, offset);
      return this.details(match, ranked);
    })();
  }

  private recent(match: string, limit: number, offset: number): RankedRow[] {
    return this.statements
      .prepare(
        `SELECT rowid, rank FROM messages_fts WHERE messages_fts MATCH @match
         ORDER BY rowid DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ match, limit, offset }) as RankedRow[];
  }

  private relevant(match: string, limit: number, offset: number): RankedRow[] {
    return this.statements
      .prepare(
        `WITH candidates AS MATERIALIZED (
           SELECT rowid, rank FROM messages_fts WHERE messages_fts MATCH @match
           ORDER BY rowid DESC LIMIT @window
         )
         SELECT rowid, rank FROM candidates ORDER BY rank, rowid DESC
         LIMIT @limit OFFSET @offset`,
      )
      .all({
        match,
        limit,
        offset,
        window: Math.max(RELEVANCE_WINDOW, offset + limit),
      }) as RankedRow[];
  }

  private details(match: string, ranked: RankedRow[]): SearchHit[] {
    if (ranked.length === 0) return [];
    // Walk the matches newest first and stop once every wanted row was seen: the wanted rows
    // lie within the newest RELEVANCE_WINDOW (or offset + limit) matches. The unary + keeps
    // the IN list from becoming a constraint FTS5 would answer with one full MATCH per value,
    // and a rowid range costs a full doclist load; both measured at 10-100x slower.
    const rows = this.statements
      .prepare(
        `SELECT f.rowid, ${SNIPPET} AS snippet, m.id AS message_id, m.conversation_id,
           c.title AS conversation_title, m.role, m.created_at
         FROM messages_fts f
         CROSS JOIN messages m ON m.rowid = f.rowid
         CROSS JOIN conversations c ON c.id = m.conversation_id
         WHERE messages_fts MATCH @match AND +f.rowid IN (SELECT value FROM json_each(@ids))
         ORDER BY f.rowid DESC LIMIT @count`,
      )
      .all({
        match,
        ids: JSON.stringify(ranked.map((r) => r.rowid)),
        count: ranked.length,
        start: HIGHLIGHT_START,
        end: HIGHLIGHT_END,
      }) as DetailRow[];
    const byRowid = new Map(rows.map((row) => [row.rowid, row]));
    const hits: SearchHit[] = [];
    for (const { rowid, rank } of ranked) {
      const row = byRowid.get(rowid);
      if (!row) continue;
      hits.push({
        messageId: row.message_id,
        conversationId: row.conversation_id,
        conversationTitle: row.conversation_title,
        role: row.role,
        snippet: row.snippet,
        createdAt: row.created_at,
        rank,
      });
    }
    return hits;
  }

  /** Rebuilds the index from the messages table (repair; also what migration 2 ran). */
  rebuildIndex(): void {
    this.db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
  }

  /** True when the index agrees with the messages table (reads everything: slow on big data). */
  checkIndex(): boolean {
    try {
      this.db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");
      return true;
    } catch {
      return false;
    }
  }
}

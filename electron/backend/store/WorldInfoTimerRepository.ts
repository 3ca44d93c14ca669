import type { TimedWorldInfo } from '../../../shared/worldinfo';
import type { SqliteDatabase } from './openDatabase';
import { StatementCache } from './StatementCache';

interface TimerRow {
  kind: 'sticky' | 'cooldown';
  entry_key: string;
  hash: string;
  start_at: number;
  end_at: number;
  protected: number;
}

/**
 * Each chat's world-info timers (sticky and cooldown), SillyTavern's `timedWorldInfo`: read
 * before a reply's scan, written back after it, deleted with the chat.
 */
export class WorldInfoTimerRepository {
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  get(conversationId: string): TimedWorldInfo {
    const rows = this.statements
      .prepare(
        `SELECT kind, entry_key, hash, start_at, end_at, protected FROM world_info_timers
         WHERE conversation_id = ?`,
      )
      .all(conversationId) as TimerRow[];
    const timed: TimedWorldInfo = { sticky: {}, cooldown: {} };
    for (const row of rows) {
      if (row.kind !== 'sticky' && row.kind !== 'cooldown') continue;
      timed[row.kind][row.entry_key] = {
        hash: row.hash,
        start: row.start_at,
        end: row.end_at,
        protected: row.protected === 1,
      };
    }
    return timed;
  }

  /** Replaces the chat's timers with `timed`, in one transaction. */
  set(conversationId: string, timed: TimedWorldInfo): void {
    const remove = this.statements.prepare(
      'DELETE FROM world_info_timers WHERE conversation_id = ?',
    );
    const insert = this.statements.prepare(
      `INSERT INTO world_info_timers (conversation_id, kind, entry_key, hash, start_at, end_at, protected)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      remove.run(conversationId);
      for (const kind of ['sticky', 'cooldown'] as const) {
        for (const [key, effect] of Object.entries(timed[kind])) {
          insert.run(
            conversationId,
            kind,
            key,
            effect.hash,
            effect.start,
            effect.end,
            effect.protected ? 1 : 0,
          );
        }
      }
    })();
  }
}

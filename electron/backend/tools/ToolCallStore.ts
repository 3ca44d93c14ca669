import { randomUUID } from 'node:crypto';
import type { ToolCallRecord, ToolCallStatus } from '../../../shared/contract/tools';
import type { Clock } from '../store/clock';
import type { SqliteDatabase } from '../store/openDatabase';
import { parseJson } from '../store/rows';
import { StatementCache } from '../store/StatementCache';
import { executionFeedback } from './feedback';

export type NewToolCall = Pick<
  ToolCallRecord,
  'conversationId' | 'messageId' | 'index' | 'depth' | 'name' | 'arguments' | 'raw' | 'status'
> &
  Partial<Pick<ToolCallRecord, 'result' | 'error'>>;

export type ToolCallPatch = Partial<
  Pick<
    ToolCallRecord,
    'arguments' | 'status' | 'result' | 'error' | 'durationMs' | 'resultMessageId'
  >
>;

export const INTERRUPTED_CALL = 'Interrupted: Talaria closed before this call finished.';

interface CallRow {
  id: string;
  conversation_id: string;
  message_id: string;
  result_message_id: string | null;
  idx: number;
  depth: number;
  name: string;
  arguments_json: string | null;
  raw: string;
  status: ToolCallStatus;
  result: string | null;
  error: string | null;
  duration_ms: number | null;
  created_at: number;
  updated_at: number;
}

/** Every tool call, with its status and result; rows go with their message and conversation. */
export class ToolCallStore {
  private readonly statements: StatementCache;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: Clock = Date.now,
  ) {
    this.statements = new StatementCache(db);
  }

  insert(call: NewToolCall): ToolCallRecord {
    const id = randomUUID();
    const now = this.now();
    this.statements
      .prepare(
        `INSERT INTO tool_calls (id, conversation_id, message_id, idx, depth, name, arguments_json,
           raw, status, result, error, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        call.conversationId,
        call.messageId,
        call.index,
        call.depth,
        call.name,
        call.arguments === null ? null : JSON.stringify(call.arguments),
        call.raw,
        call.status,
        call.result ?? null,
        call.error ?? null,
        now,
        now,
      );
    return this.require(id);
  }

  update(id: string, patch: ToolCallPatch): ToolCallRecord {
    const current = this.require(id);
    const next = { ...current, ...patch };
    this.statements
      .prepare(
        `UPDATE tool_calls SET arguments_json = ?, status = ?, result = ?, error = ?,
           duration_ms = ?, result_message_id = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        next.arguments === null ? null : JSON.stringify(next.arguments),
        next.status,
        next.result,
        next.error,
        next.durationMs,
        next.resultMessageId,
        this.now(),
        id,
      );
    return this.require(id);
  }

  get(id: string): ToolCallRecord | null {
    const row = this.statements.prepare('SELECT * FROM tool_calls WHERE id = ?').get(id) as
      CallRow | undefined;
    return row ? toRecord(row) : null;
  }

  forConversation(conversationId: string): ToolCallRecord[] {
    const rows = this.statements
      .prepare(
        `SELECT * FROM tool_calls WHERE conversation_id = ?
           ORDER BY created_at, message_id, idx`,
      )
      .all(conversationId) as CallRow[];
    return rows.map(toRecord);
  }

  /** The calls of each message, in order. */
  forMessages(messageIds: readonly string[]): Map<string, ToolCallRecord[]> {
    const byMessage = new Map<string, ToolCallRecord[]>();
    const statement = this.statements.prepare(
      'SELECT * FROM tool_calls WHERE message_id = ? ORDER BY idx',
    );
    for (const id of messageIds) {
      const rows = statement.all(id) as CallRow[];
      if (rows.length > 0) byMessage.set(id, rows.map(toRecord));
    }
    return byMessage;
  }

  /**
   * Start-up recovery: calls left pending or running by a crash or a closed app become errors,
   * with the reference loop's error text as their result, so the model is told when their tool
   * turn is finished (`PausedCalls`). Calls awaiting the user keep waiting: nothing they asked
   * for is lost, and answering them resumes the reply. Returns how many were changed.
   */
  markInterrupted(): number {
    const rows = this.statements
      .prepare(`SELECT * FROM tool_calls WHERE status IN ('pending', 'running')`)
      .all() as CallRow[];
    this.db.transaction(() => {
      for (const row of rows) {
        this.update(row.id, {
          status: 'error',
          error: INTERRUPTED_CALL,
          result: executionFeedback(row.name, INTERRUPTED_CALL),
        });
      }
    })();
    return rows.length;
  }

  private require(id: string): ToolCallRecord {
    const record = this.get(id);
    if (!record) throw new Error(`tool call ${id} vanished`);
    return record;
  }
}

function toRecord(row: CallRow): ToolCallRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    resultMessageId: row.result_message_id,
    index: row.idx,
    depth: row.depth,
    name: row.name,
    arguments: parseJson<Record<string, unknown> | null>(row.arguments_json, null),
    raw: row.raw,
    status: row.status,
    result: row.result,
    error: row.error,
    durationMs: row.duration_ms,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

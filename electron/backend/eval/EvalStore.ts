import { randomUUID } from 'node:crypto';
import type { EvalPlan, EvalResult, EvalRunInfo, EvalRunStatus } from '../../../shared/eval';
import type { SqliteDatabase } from '../store/openDatabase';
import type { Clock } from '../store/clock';

interface RunRow {
  id: string;
  status: EvalRunStatus;
  plan_json: string;
  total: number;
  error: string | null;
  created_at: number;
  updated_at: number;
  done: number;
  correct: number | null;
}

interface ResultRow {
  run_id: string;
  model: string;
  variant: number;
  case_id: string;
  category: string;
  prompt: string;
  output: string;
  correct: number;
  reason: string;
  ttft_ms: number | null;
  duration_ms: number;
  prompt_tokens: number;
  completion_tokens: number;
  tokens_per_second: number | null;
}

/** The key of one unit of work: a case for a model and a variant. */
export function workKey(model: string, variant: number, caseId: string): string {
  return `${model}\u0000${variant}\u0000${caseId}`;
}

const RUN_SELECT = `
  SELECT r.*, COUNT(x.case_id) AS done, SUM(x.correct) AS correct
  FROM eval_runs r LEFT JOIN eval_results x ON x.run_id = r.id`;

/** Eval runs and their per-case results in the app's SQLite file (migration v5). */
export class EvalStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: Clock = Date.now,
  ) {}

  createRun(plan: EvalPlan, total: number): string {
    const id = randomUUID();
    const t = this.now();
    this.db
      .prepare(
        'INSERT INTO eval_runs (id, status, plan_json, total, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, 'running', JSON.stringify(plan), total, t, t);
    return id;
  }

  setStatus(id: string, status: EvalRunStatus, error: string | null = null): void {
    this.db
      .prepare('UPDATE eval_runs SET status = ?, error = ?, updated_at = ? WHERE id = ?')
      .run(status, error, this.now(), id);
  }

  run(id: string): EvalRunInfo | null {
    const row = this.db.prepare(`${RUN_SELECT} WHERE r.id = ? GROUP BY r.id`).get(id) as
      RunRow | undefined;
    return row ? toInfo(row) : null;
  }

  /** Newest first. */
  runs(): EvalRunInfo[] {
    const rows = this.db
      .prepare(`${RUN_SELECT} GROUP BY r.id ORDER BY r.created_at DESC`)
      .all() as RunRow[];
    return rows.map(toInfo);
  }

  doneKeys(runId: string): Set<string> {
    const rows = this.db
      .prepare('SELECT model, variant, case_id FROM eval_results WHERE run_id = ?')
      .all(runId) as Array<{ model: string; variant: number; case_id: string }>;
    return new Set(rows.map((r) => workKey(r.model, r.variant, r.case_id)));
  }

  addResult(r: EvalResult): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO eval_results (run_id, model, variant, case_id, category, prompt, output,
           correct, reason, ttft_ms, duration_ms, prompt_tokens, completion_tokens, tokens_per_second, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.runId,
        r.model,
        r.variant,
        r.caseId,
        r.category,
        r.prompt,
        r.output,
        r.correct ? 1 : 0,
        r.reason,
        r.ttftMs,
        r.durationMs,
        r.promptTokens,
        r.completionTokens,
        r.tokensPerSecond,
        this.now(),
      );
    this.db.prepare('UPDATE eval_runs SET updated_at = ? WHERE id = ?').run(this.now(), r.runId);
  }

  results(runId: string): EvalResult[] {
    const rows = this.db
      .prepare('SELECT * FROM eval_results WHERE run_id = ? ORDER BY model, variant, rowid')
      .all(runId) as ResultRow[];
    return rows.map((r) => ({
      runId: r.run_id,
      model: r.model,
      variant: r.variant,
      caseId: r.case_id,
      category: r.category,
      prompt: r.prompt,
      output: r.output,
      correct: r.correct === 1,
      reason: r.reason,
      ttftMs: r.ttft_ms,
      durationMs: r.duration_ms,
      promptTokens: r.prompt_tokens,
      completionTokens: r.completion_tokens,
      tokensPerSecond: r.tokens_per_second,
    }));
  }
}

function toInfo(row: RunRow): EvalRunInfo {
  return {
    id: row.id,
    status: row.status,
    plan: JSON.parse(row.plan_json) as EvalPlan,
    total: row.total,
    done: row.done,
    correct: row.correct ?? 0,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

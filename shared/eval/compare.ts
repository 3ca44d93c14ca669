import type { EvalResult } from './runTypes';

export interface RunDiff {
  /** Wrong in the first run, correct in the second. */
  fixed: string[];
  /** Correct in the first run, wrong in the second. */
  broke: string[];
  stillCorrect: number;
  stillWrong: number;
  /** Cases only one of the runs has. */
  unmatched: number;
}

function key(r: EvalResult, withModel: boolean): string {
  return withModel
    ? `${r.model}\u0000${r.variant}\u0000${r.caseId}`
    : `${r.variant}\u0000${r.caseId}`;
}

/**
 * What changed between two runs, case by case ("fixed 12, broke 3"). Cases pair by variant and
 * case id, and also by model when both runs used the same models; otherwise two runs of
 * different models compare directly.
 */
export function diffRuns(before: EvalResult[], after: EvalResult[]): RunDiff {
  const models = (rs: EvalResult[]) => [...new Set(rs.map((r) => r.model))].sort().join('\n');
  const withModel = models(before) === models(after);
  const old = new Map(before.map((r) => [key(r, withModel), r]));
  const diff: RunDiff = { fixed: [], broke: [], stillCorrect: 0, stillWrong: 0, unmatched: 0 };
  const seen = new Set<string>();
  for (const r of after) {
    const k = key(r, withModel);
    const o = old.get(k);
    if (!o) {
      diff.unmatched += 1;
      continue;
    }
    seen.add(k);
    if (!o.correct && r.correct) diff.fixed.push(r.caseId);
    else if (o.correct && !r.correct) diff.broke.push(r.caseId);
    else if (r.correct) diff.stillCorrect += 1;
    else diff.stillWrong += 1;
  }
  diff.unmatched += [...old.keys()].filter((k) => !seen.has(k)).length;
  return diff;
}

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS: Array<keyof EvalResult> = [
  'model',
  'variant',
  'category',
  'caseId',
  'correct',
  'reason',
  'ttftMs',
  'durationMs',
  'promptTokens',
  'completionTokens',
  'tokensPerSecond',
  'output',
];

/** One row per case (RFC 4180 quoting), the raw output last; the prompt stays in the JSON export. */
export function resultsCsv(results: EvalResult[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of results) lines.push(COLUMNS.map((c) => csvField(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

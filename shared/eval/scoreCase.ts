import { parseToolCalls } from '../hermes/parseToolCalls';
import type { ParsedToolCall } from '../hermes/types';
import { checkCall, sameName } from './checkCall';
import type { CaseScore, EvalCase, ExpectedCall, ScoreSummary, Tally } from './types';
import { pyRepr } from './values';

function describe(calls: ParsedToolCall[]): string {
  return calls.map((c) => `${c.name}(${pyRepr(c.arguments, 80)})`).join(', ');
}

function names(calls: Array<{ name: string }>): string {
  return calls.map((c) => c.name).join(', ');
}

/**
 * Grades one raw assistant reply (Hermes `<tool_call>` blocks and any prose around them)
 * against its case, as BFCL's AST checker grades a decoded reply.
 */
export function scoreCase(testCase: EvalCase, output: string): CaseScore {
  const verdict = (correct: boolean, reason: string): CaseScore => ({
    id: testCase.id,
    category: testCase.category,
    correct,
    reason,
  });
  const { calls, errors } = parseToolCalls(output);
  const expected = testCase.expected;
  if (expected.kind === 'no-call') {
    if (calls.length > 0) return verdict(false, `expected no tool call, got ${describe(calls)}`);
    if (errors.length > 0)
      return verdict(false, 'expected no tool call, got an unreadable <tool_call>');
    return verdict(true, 'ok: no tool call');
  }
  if (errors[0]) return verdict(false, `unreadable tool call: ${errors[0].message}`);
  if (expected.kind === 'any-call') {
    return calls.length > 0
      ? verdict(true, 'ok: called a tool')
      : verdict(false, 'expected a tool call, got none');
  }
  const want = expected.calls;
  if (calls.length === 0)
    return verdict(false, `expected a call to ${names(want)}, got no tool call`);
  if (calls.length !== want.length) {
    return verdict(
      false,
      `expected ${want.length} call(s) (${names(want)}), got ${calls.length} (${names(calls)})`,
    );
  }
  const problem = matchCalls(testCase, calls, want);
  return problem === undefined ? verdict(true, 'ok') : verdict(false, problem);
}

/**
 * Pairs calls with expected calls in any order (a parallel reply may list them in any order).
 * Returns undefined when every expected call has its own matching call, else the problem with
 * the first expected call that could not be matched, against its closest candidate.
 */
function matchCalls(
  testCase: EvalCase,
  calls: ParsedToolCall[],
  want: ExpectedCall[],
): string | undefined {
  const problems = want.map((expected) => {
    const tool = testCase.tools.find((t) => sameName(t.function.name, expected.name));
    return calls.map((call) => checkCall(call, expected, tool?.function.parameters));
  });
  const used = new Array<boolean>(calls.length).fill(false);
  const assign = (i: number): boolean => {
    if (i === want.length) return true;
    for (let j = 0; j < calls.length; j++) {
      if (used[j] || problems[i]?.[j] !== undefined) continue;
      used[j] = true;
      if (assign(i + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  if (assign(0)) return undefined;
  const stuck = problems.findIndex((row) => row.every((p) => p !== undefined));
  const index = stuck >= 0 ? stuck : 0;
  const row = problems[index] ?? [];
  const expected = want[index];
  const sameNamed = calls.findIndex(
    (c) => expected !== undefined && sameName(c.name, expected.name),
  );
  const reason =
    row[sameNamed >= 0 ? sameNamed : 0] ?? 'the calls match only in an order that reuses a call';
  return want.length > 1
    ? `call ${index + 1} of ${want.length} (${expected?.name ?? '?'}): ${reason}`
    : reason;
}

function tally(correct: number, total: number): Tally {
  return { total, correct, accuracy: total === 0 ? 0 : correct / total };
}

/** Per-category and overall accuracy, plus every case's verdict, in the CLI's JSON shape. */
export function summarize(scores: CaseScore[]): ScoreSummary {
  const counts = new Map<string, { total: number; correct: number }>();
  for (const s of scores) {
    const c = counts.get(s.category) ?? { total: 0, correct: 0 };
    c.total += 1;
    if (s.correct) c.correct += 1;
    counts.set(s.category, c);
  }
  const categories: Record<string, Tally> = {};
  for (const [name, c] of counts) categories[name] = tally(c.correct, c.total);
  return {
    overall: tally(scores.filter((s) => s.correct).length, scores.length),
    categories,
    cases: scores.map(({ id, correct, reason }) => ({ id, correct, reason })),
  };
}

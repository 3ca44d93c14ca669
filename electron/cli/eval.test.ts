import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bfclCases,
  DEFAULT_EVAL_VARIANT,
  renderExpected,
  renderMutated,
  type BfclSuiteFile,
} from '../../shared/eval';
import { EvalStore } from '../backend/eval/EvalStore';
import { Store } from '../backend/store';

const CLI = resolve(import.meta.dirname, 'index.ts');
const BFCL = resolve(import.meta.dirname, '../../resources/eval/bfcl');

function talaria(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TALARIA_DATA_DIR: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `talaria eval …` as a user runs it: a real process, the shipped BFCL files, a real data folder. */
describe('talaria eval', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'talaria-eval-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores raw outputs against BFCL ground truth, per category and overall, as JSON', () => {
    const load = (suite: string) =>
      bfclCases(JSON.parse(readFileSync(join(BFCL, `${suite}.json`), 'utf8')) as BfclSuiteFile);
    const simple = load('bfcl-simple').slice(0, 10);
    const irrelevance = load('bfcl-irrelevance').slice(0, 4);
    // 7 right + 3 wrong simple cases, 4 right irrelevance cases.
    const lines = [
      ...simple.map((c, i) => ({
        id: c.id,
        output: i < 7 ? renderExpected(c) : renderMutated(c).output,
      })),
      ...irrelevance.map((c) => ({ id: c.id, output: renderExpected(c) })),
    ];
    const outputs = join(dir, 'outputs.jsonl');
    writeFileSync(outputs, lines.map((l) => JSON.stringify(l)).join('\n'));

    const json = talaria(
      'eval',
      'score',
      '--suite',
      'bfcl-simple,bfcl-irrelevance',
      '--outputs',
      outputs,
      '--json',
    );
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout) as {
      overall: { total: number; correct: number; accuracy: number };
      categories: Record<string, { total: number; correct: number; accuracy: number }>;
      cases: Array<{ id: string; correct: boolean; reason: string }>;
    };
    expect(summary.overall).toEqual({ total: 14, correct: 11, accuracy: 11 / 14 });
    expect(summary.categories['bfcl-simple']).toEqual({ total: 10, correct: 7, accuracy: 0.7 });
    expect(summary.categories['bfcl-irrelevance']).toEqual({ total: 4, correct: 4, accuracy: 1 });
    expect(summary.cases[7]).toMatchObject({ id: simple[7]!.id, correct: false });
    expect(summary.cases[7]!.reason).toMatch(/^wrong value for /);
    expect(json.stderr).toContain('Scored 14 of 640 cases');

    const text = talaria('eval', 'score', '--suite', 'bfcl-simple', '--outputs', outputs);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(
      'INVALID_INPUT: 4 output id(s) are not in bfcl-simple, e.g. "irrelevance_0"',
    );
  }, 120_000);

  it('imports a user suite, lists it next to BFCL, scores it; refuses --engine for now', () => {
    const data = join(dir, 'data');
    const suite = join(dir, 'weather.jsonl');
    const tool = {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    };
    writeFileSync(
      suite,
      `${JSON.stringify({ id: 'w1', question: 'Weather in Oslo?', tools: [tool], expected: [{ name: 'get_weather', arguments: { city: ['Oslo'] } }] })}\n`,
    );
    const imported = talaria('eval', 'import', suite, '--data-dir', data);
    expect(imported.stdout).toBe('Imported suite "weather" (1 cases).\n');

    const suites = talaria('eval', 'suites', '--json', '--data-dir', data);
    const list = JSON.parse(suites.stdout) as Array<{
      name: string;
      source: string;
      cases: number;
    }>;
    expect(list.map((s) => s.name)).toContain('bfcl-live-multiple');
    expect(list.find((s) => s.name === 'bfcl-simple')?.cases).toBe(400);
    expect(list.at(-1)).toMatchObject({ name: 'weather', source: 'user', cases: 1 });

    const outputs = join(dir, 'weather-out.jsonl');
    writeFileSync(
      outputs,
      JSON.stringify({
        id: 'w1',
        output:
          '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Bergen"}}\n</tool_call>',
      }),
    );
    const scored = talaria(
      'eval',
      'score',
      '--suite',
      'weather',
      '--outputs',
      outputs,
      '--data-dir',
      data,
    );
    expect(scored.stdout).toBe('weather        0/1    0.0%\noverall        0/1    0.0%\n');

    const engine = talaria(
      'eval',
      'run',
      '--suite',
      'weather',
      '--engine',
      'vllm',
      '--data-dir',
      data,
    );
    expect(engine.code).toBe(2);
    expect(engine.stderr).toMatch(/^eval run --engine is not available yet/);
  }, 120_000);

  it('lists stored runs, diffs two of them and exports one as CSV', () => {
    const data = join(dir, 'runs');
    const store = new Store({ file: join(data, 'talaria.db') });
    const evals = new EvalStore(store.db);
    const plan = {
      suites: ['bfcl-simple'],
      models: ['m.gguf'],
      variants: [DEFAULT_EVAL_VARIANT],
      limit: 3,
    };
    const ids = [
      [false, true, true],
      [true, false, true],
    ].map((verdicts) => {
      const id = evals.createRun(plan, 3);
      verdicts.forEach((correct, i) =>
        evals.addResult({
          runId: id,
          model: 'm.gguf',
          variant: 0,
          caseId: `simple_python_${i}`,
          category: 'bfcl-simple',
          prompt: '<|im_start|>user…',
          output: correct ? 'right' : 'wrong, "quoted"',
          correct,
          reason: correct ? 'ok' : 'missing required parameter base',
          ttftMs: 5,
          durationMs: 9,
          promptTokens: 50,
          completionTokens: 3,
          tokensPerSecond: null,
        }),
      );
      evals.setStatus(id, 'done');
      return id;
    });
    store.close();

    const diff = talaria('eval', 'diff', ids[0]!, ids[1]!, '--data-dir', data);
    expect(diff.stdout).toBe(
      'fixed 1, broke 1 (still correct 1, still wrong 0)\nfixed: simple_python_0\nbroke: simple_python_1\n',
    );
    const csv = talaria('eval', 'export', ids[1]!, '--format', 'csv', '--data-dir', data);
    const rows = csv.stdout.split('\r\n');
    expect(rows).toHaveLength(5);
    expect(rows[2]).toBe(
      'm.gguf,0,bfcl-simple,simple_python_1,false,missing required parameter base,5,9,50,3,,"wrong, ""quoted"""',
    );
  }, 120_000);
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseToolCalls } from '../../../shared/hermes';
import { DEFAULT_EVAL_VARIANT, type EvalPlan, type EvalProgress } from '../../../shared/eval';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { sourceEngineSpawner } from '../../testing/backendHarness';
import { EngineHost } from '../engine/EngineHost';
import { Store } from '../store';
import { pipelineEvalGenerate } from './evalGenerate';
import { EvalRunner } from './EvalRunner';
import { EvalStore } from './EvalStore';
import { defaultBfclDir, SuiteCatalog } from './SuiteCatalog';

// Bounded strings and enums: under a grammar even random weights close every call.
const bounded = {
  type: 'function',
  function: {
    name: 'set_alarm',
    description: 'Set an alarm',
    parameters: {
      type: 'object',
      properties: {
        time: { type: 'string', maxLength: 5 },
        days: { type: 'string', enum: ['weekdays', 'weekends', 'daily'] },
        loud: { type: 'boolean' },
      },
      required: ['time', 'days'],
    },
  },
};

/**
 * Runs on the generated random-weights model through the real engine process and real SQLite.
 * Its scores mean nothing, so nothing here looks at them: the tests check that every case runs,
 * that prompt, raw output and timings are stored, that grammar-on outputs always parse, and
 * that a stopped run resumes after a restart without running a case twice.
 */
describe('EvalRunner on the generated model', () => {
  let dir = '';
  let model = '';
  let engine: EngineHost;
  let catalog: SuiteCatalog;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'talaria-eval-'));
    model = await ensureTinyModel();
    engine = new EngineHost({ spawn: sourceEngineSpawner() });
    const userDir = join(dir, 'suites');
    mkdirSync(userDir);
    const lines = ['07:00 on weekdays', 'noon daily', 'quiet, weekends', 'six, loud, daily'].map(
      (q, i) =>
        JSON.stringify({
          id: `alarm-${i}`,
          question: `Set an alarm: ${q}`,
          tools: [bounded],
          expected: [{ name: 'set_alarm', arguments: { time: ['07:00'], days: ['weekdays'] } }],
        }),
    );
    writeFileSync(join(userDir, 'alarms.jsonl'), lines.join('\n'));
    catalog = new SuiteCatalog({ bfclDir: defaultBfclDir(), userDir });
  }, 120_000);

  afterAll(async () => {
    await engine?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const runner = (store: Store) =>
    new EvalRunner({
      store: new EvalStore(store.db),
      catalog,
      generate: pipelineEvalGenerate(engine),
      loadModel: async (path) => {
        if (engine.status.model?.path !== path) await engine.load({ path, contextSize: 4096 });
      },
    });

  it('runs BFCL and user cases in each variant, storing prompt, raw output and timings', async () => {
    const store = new Store({ file: join(dir, 'a.db') });
    const plan: EvalPlan = {
      suites: ['bfcl-simple', 'bfcl-irrelevance', 'alarms'],
      models: [model],
      variants: [
        { ...DEFAULT_EVAL_VARIANT, maxTokens: 48 },
        { ...DEFAULT_EVAL_VARIANT, grammar: true, toolChoice: 'required', maxTokens: 96 },
      ],
      limit: 2,
    };
    const r = runner(store);
    const id = r.create(plan);
    const seen: EvalProgress[] = [];
    await r.execute(id, (p) => seen.push(p));
    const evals = new EvalStore(store.db);
    const results = evals.results(id);
    expect(evals.run(id)).toMatchObject({ status: 'done', total: 12, done: 12 });
    expect(results.map((x) => `${x.variant}:${x.caseId}`)).toEqual(
      [0, 1].flatMap((v) =>
        [
          'simple_python_0',
          'simple_python_1',
          'irrelevance_0',
          'irrelevance_1',
          'alarm-0',
          'alarm-1',
        ].map((c) => `${v}:${c}`),
      ),
    );
    for (const x of results) {
      expect(x.prompt).toContain('<tools>');
      expect(x.prompt.endsWith('<|im_start|>assistant\n')).toBe(true);
      expect(typeof x.output).toBe('string');
      expect(x.durationMs).toBeGreaterThan(0);
      expect(x.promptTokens).toBeGreaterThan(0);
      expect(x.reason).not.toBe('');
    }
    // Grammar on, tool choice required: every reply is readable calls of the case's tool.
    for (const x of results.filter((x) => x.variant === 1 && x.category === 'alarms')) {
      const parsed = parseToolCalls(x.output);
      expect(parsed.errors).toEqual([]);
      expect(parsed.calls.length).toBeGreaterThan(0);
      expect(parsed.calls.every((c) => c.name === 'set_alarm')).toBe(true);
    }
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(seen.at(-1)?.etaMs).toBe(0);
    store.close();
  }, 300_000);

  it('stops on cancel and resumes after a restart without running a case twice', async () => {
    const file = join(dir, 'b.db');
    let store = new Store({ file });
    const plan: EvalPlan = {
      suites: ['alarms'],
      models: [model],
      variants: [{ ...DEFAULT_EVAL_VARIANT, grammar: true, maxTokens: 64 }],
      limit: null,
    };
    const abort = new AbortController();
    const first = runner(store);
    const id = first.create(plan);
    await first.execute(id, (p) => p.done === 2 && abort.abort(), abort.signal);
    expect(new EvalStore(store.db).run(id)).toMatchObject({
      status: 'cancelled',
      done: 2,
      total: 4,
    });
    store.close();

    store = new Store({ file });
    const done: string[] = [];
    await runner(store).execute(id, (p) => done.push(p.caseId));
    expect(done).toEqual(['alarm-2', 'alarm-3']);
    const evals = new EvalStore(store.db);
    expect(evals.run(id)).toMatchObject({ status: 'done', done: 4 });
    expect(evals.results(id).map((x) => x.caseId)).toEqual([
      'alarm-0',
      'alarm-1',
      'alarm-2',
      'alarm-3',
    ]);
    store.close();
  }, 300_000);

  it('runs cases side by side on the engine’s parallel sequences, storing each once', async () => {
    const store = new Store({ file: join(dir, 'c.db') });
    await engine.load({ path: model, contextSize: 4096, parallel: 2 });
    const r = new EvalRunner({
      store: new EvalStore(store.db),
      catalog,
      generate: pipelineEvalGenerate(engine),
      loadModel: async () => undefined,
      concurrency: 2,
    });
    const id = r.create({
      suites: ['alarms', 'bfcl-simple'],
      models: [model],
      variants: [{ ...DEFAULT_EVAL_VARIANT, grammar: true, toolChoice: 'required', maxTokens: 64 }],
      limit: 3,
    });
    await r.execute(id);
    const evals = new EvalStore(store.db);
    expect(evals.run(id)).toMatchObject({ status: 'done', done: 6, total: 6 });
    const results = evals.results(id);
    expect(results.map((x) => x.caseId).sort()).toEqual(
      [
        'alarm-0',
        'alarm-1',
        'alarm-2',
        'simple_python_0',
        'simple_python_1',
        'simple_python_2',
      ].sort(),
    );
    for (const x of results.filter((x) => x.category === 'alarms')) {
      expect(parseToolCalls(x.output).errors).toEqual([]);
    }
    store.close();
  }, 300_000);
});

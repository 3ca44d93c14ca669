import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_EVAL_VARIANT, type EvalPlan } from '../shared/eval';
import { ensureBenchModel, ensureTinyModel } from '../scripts/testing/testModels';
import { EngineHost } from '../electron/backend/engine/EngineHost';
import { createNodeEngineSpawner } from '../electron/backend/engine/spawnNodeEngine';
import { pipelineEvalGenerate } from '../electron/backend/eval/evalGenerate';
import { EvalRunner } from '../electron/backend/eval/EvalRunner';
import { EvalStore } from '../electron/backend/eval/EvalStore';
import { defaultBfclDir, SuiteCatalog } from '../electron/backend/eval/SuiteCatalog';
import { Store } from '../electron/backend/store';

/**
 * Cases per minute of an eval run through the real engine process and runReply, stored in a
 * real SQLite file: `npm run bench -- eval [--model bench|tiny] [--cases 100] [--max-tokens 32]
 * [--suite bfcl-simple] [--grammar on|off] [--parallel 4]`: sequential (the app's sequence),
 * then `--parallel` cases at once on the engine's parallel sequences. The generated models' weights are random, so the
 * scores printed are meaningless; the pace is what is measured.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string', default: 'bench' },
      cases: { type: 'string', default: '100' },
      'max-tokens': { type: 'string', default: '32' },
      suite: { type: 'string', default: 'bfcl-simple' },
      grammar: { type: 'string', default: 'off' },
      parallel: { type: 'string', default: '4' },
    },
  });
  const model = values.model === 'tiny' ? await ensureTinyModel() : await ensureBenchModel();
  const dir = mkdtempSync(join(tmpdir(), 'talaria-bench-eval-'));
  const engine = new EngineHost({
    spawn: createNodeEngineSpawner({
      entry: resolve(import.meta.dirname, '../electron/backend/engine/engineProcess.ts'),
      execArgv: ['--import', 'tsx'],
    }),
  });
  const store = new Store({ file: join(dir, 'bench.db') });
  try {
    const loadStart = performance.now();
    const parallel = Math.max(1, Number(values.parallel));
    await engine.load({ path: model, contextSize: 4096, parallel });
    console.log(
      `model ${model}\nloaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
    );
    const evals = new EvalStore(store.db);
    const catalog = new SuiteCatalog({ bfclDir: defaultBfclDir(), userDir: join(dir, 'suites') });
    const plan: EvalPlan = {
      suites: [values.suite],
      models: [model],
      variants: [
        {
          ...DEFAULT_EVAL_VARIANT,
          grammar: values.grammar === 'on',
          maxTokens: Number(values['max-tokens']),
        },
      ],
      limit: Number(values.cases),
    };
    for (const concurrency of [1, parallel]) {
      const runner = new EvalRunner({
        store: evals,
        catalog,
        generate: pipelineEvalGenerate(engine),
        loadModel: async () => undefined,
        concurrency,
      });
      const id = runner.create(plan);
      const start = performance.now();
      await runner.execute(id, (p) => {
        if (p.done % 25 === 0) process.stderr.write(`  ${p.done}/${p.total}\n`);
      });
      const seconds = (performance.now() - start) / 1000;
      const results = evals.results(id);
      const mean = (f: (r: (typeof results)[number]) => number) =>
        results.reduce((a, r) => a + f(r), 0) / results.length;
      console.log(
        `${concurrency === 1 ? 'sequential' : `${concurrency} parallel sequences`}: ` +
          `${results.length} cases in ${seconds.toFixed(1)} s = ` +
          `${((results.length * 60) / seconds).toFixed(1)} cases/min ` +
          `(mean prompt ${mean((r) => r.promptTokens).toFixed(0)} tokens, ` +
          `mean reply ${mean((r) => r.completionTokens).toFixed(1)} tokens, ` +
          `max ${plan.variants[0]!.maxTokens})`,
      );
    }
  } finally {
    await engine.dispose();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

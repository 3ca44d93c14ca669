import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TalariaError } from '../../shared/contract/errors';
import {
  DEFAULT_EVAL_VARIANT,
  summarize,
  variantLabel,
  type EvalPlan,
  type EvalProgress,
  type EvalVariant,
} from '../../shared/eval';
import { createNodeEngineSpawner } from '../backend/engine/spawnNodeEngine';
import { EngineHost } from '../backend/engine/EngineHost';
import { pipelineEvalGenerate } from '../backend/eval/evalGenerate';
import { EvalRunner } from '../backend/eval/EvalRunner';
import { EvalStore } from '../backend/eval/EvalStore';
import type { SuiteCatalog } from '../backend/eval/SuiteCatalog';
import { ModelLibrary } from '../backend/models/ModelLibrary';
import { modelsDirFor } from '../backend/models/repoPaths';
import { resolveDataDir } from '../backend/paths';
import { Store } from '../backend/store';
import type { EntryPaths } from './entryPaths';
import { formatSummary } from './eval';
import type { CliIo } from './storeCommand';

export interface EvalRunFlags {
  suite?: string;
  model?: string;
  engine?: string;
  'remote-model'?: string;
  limit?: string;
  grammar?: string;
  'tool-choice'?: string;
  temperature?: string;
  seed?: string;
  'max-tokens'?: string;
  resume?: string;
  parallel?: string;
  out?: string;
  'data-dir'?: string;
}

function fail(message: string): never {
  throw new TalariaError('INVALID_INPUT', message);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The settings variants the flags ask for: one per --grammar value (on,off runs both). */
export function variantsFrom(flags: EvalRunFlags): EvalVariant[] {
  const grammar = list(flags.grammar ?? 'off');
  if (grammar.length === 0 || grammar.some((g) => g !== 'on' && g !== 'off'))
    fail('--grammar takes on, off or on,off.');
  const choice = flags['tool-choice'] ?? 'auto';
  if (choice !== 'auto' && choice !== 'required' && choice !== 'none')
    fail('--tool-choice takes auto, required or none.');
  const number = (name: string, value: string | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) fail(`--${name} takes a number ≥ 0.`);
    return n;
  };
  return grammar.map((g) => ({
    ...DEFAULT_EVAL_VARIANT,
    grammar: g === 'on',
    toolChoice: choice,
    temperature: number('temperature', flags.temperature, DEFAULT_EVAL_VARIANT.temperature),
    seed: number('seed', flags.seed, DEFAULT_EVAL_VARIANT.seed ?? 0),
    maxTokens: Math.max(
      1,
      Math.floor(number('max-tokens', flags['max-tokens'], DEFAULT_EVAL_VARIANT.maxTokens)),
    ),
  }));
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function progressLine(p: EvalProgress): string {
  const eta = p.etaMs === null ? '' : ` · ETA ${duration(p.etaMs)}`;
  return `[${p.done}/${p.total}] ${Math.floor((p.done / p.total) * 100)}% · ${p.correct} correct${eta} · ${p.caseId}`;
}

/** `talaria eval run`: a run on local models, stored in the data folder, resumable. */
export async function runEvalCommand(
  flags: EvalRunFlags,
  catalog: SuiteCatalog,
  io: CliIo,
  paths: () => EntryPaths,
  interactive = process.stderr.isTTY === true,
): Promise<number> {
  if (flags.engine !== undefined || flags['remote-model'] !== undefined) {
    io.err(
      'eval run --engine is not available yet: remote engines in eval runs are still to come; use --model FILE|ID.\n',
    );
    return 2;
  }
  if (!flags.resume && (!flags.suite || !flags.model)) {
    io.err('eval run needs --suite S[,S…] and --model FILE|ID (or --resume RUN_ID).\n');
    return 2;
  }
  const dataDir = resolve(resolveDataDir(flags['data-dir']));
  const store = new Store({ file: join(dataDir, 'talaria.db') });
  const evalStore = new EvalStore(store.db);
  const { engineEntry, engineExecArgv } = paths();
  const engine = new EngineHost({
    spawn: createNodeEngineSpawner({ entry: engineEntry, execArgv: engineExecArgv }),
  });
  const parallel = flags.parallel === undefined ? 1 : Number(flags.parallel);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 16) {
    io.err('--parallel takes a whole number from 1 to 16.\n');
    return 2;
  }
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    const runner = new EvalRunner({
      store: evalStore,
      catalog,
      generate: pipelineEvalGenerate(engine),
      concurrency: parallel,
      loadModel: async (model) => {
        io.err(`Loading ${model}…\n`);
        // BFCL's longest prompts (live_multiple's many tools) fit in 8k; a bigger context only
        // costs memory and load time.
        await engine.load({ path: model, contextSize: 8192, ...(parallel > 1 && { parallel }) });
      },
    });
    let runId = flags.resume;
    if (!runId) {
      const library = new ModelLibrary({ modelsDir: modelsDirFor(dataDir) });
      const models: string[] = [];
      for (const m of list(flags.model)) {
        if (existsSync(m)) models.push(resolve(m));
        else models.push((await library.get(m)).path);
      }
      const limit = flags.limit === undefined ? null : Number(flags.limit);
      if (limit !== null && (!Number.isInteger(limit) || limit < 1))
        fail('--limit takes a whole number ≥ 1.');
      const plan: EvalPlan = {
        suites: list(flags.suite),
        models,
        variants: variantsFrom(flags),
        limit,
      };
      runId = runner.create(plan);
    }
    io.err(`Run ${runId}\n`);
    let last = 0;
    await runner.execute(
      runId,
      (p) => {
        const now = Date.now();
        if (interactive) io.err(`\r${progressLine(p)}\u001b[K`);
        else if (now - last > 2000 || p.done === p.total) {
          last = now;
          io.err(`${progressLine(p)}\n`);
        }
      },
      abort.signal,
    );
    if (interactive) io.err('\n');
    const run = evalStore.run(runId)!;
    const results = evalStore.results(runId);
    const groups = run.plan.models.flatMap((model) =>
      run.plan.variants.map((variant, index) => {
        const rows = results.filter((r) => r.model === model && r.variant === index);
        return {
          model,
          variant,
          label: variantLabel(variant),
          summary: summarize(
            rows.map((r) => ({
              id: r.caseId,
              category: r.category,
              correct: r.correct,
              reason: r.reason,
            })),
          ),
        };
      }),
    );
    for (const g of groups) io.out(`\n${g.model}\n${g.label}\n${formatSummary(g.summary)}\n`);
    if (flags.out) {
      writeFileSync(resolve(flags.out), `${JSON.stringify({ run, groups, results }, null, 2)}\n`);
      io.err(`Wrote ${flags.out}\n`);
    }
    if (run.status === 'cancelled') {
      io.err(
        `Stopped at ${run.done}/${run.total}. Resume with: talaria eval run --resume ${runId}\n`,
      );
      return 130;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await engine.dispose();
    store.close();
  }
}

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TalariaError } from '../../shared/contract/errors';
import { scoreCase, summarize, type EvalCase, type ScoreSummary } from '../../shared/eval';
import { defaultBfclDir, SuiteCatalog } from '../backend/eval/SuiteCatalog';
import { resolveDataDir } from '../backend/paths';
import type { EntryPaths } from './entryPaths';
import { processIo, type CliIo } from './storeCommand';

export const EVAL_USAGE = `  talaria eval suites [--json] [--data-dir DIR]
      List the function-calling suites: BFCL v4's single-turn categories and your own.
  talaria eval score --suite S[,S…] --outputs FILE.jsonl [--json] [--data-dir DIR]
      Grade raw model outputs made anywhere: one {"id", "output"} per line, "output" being the
      assistant's raw text with its <tool_call> blocks. Prints per-category and overall accuracy.
  talaria eval run --suite S[,S…] (--model FILE|ID | --engine NAME [--remote-model ID])
                   [--limit N] [--grammar on|off|on,off] [--tool-choice auto|required|none]
                   [--temperature T] [--seed N] [--max-tokens N] [--parallel N] [--out FILE.json]
                   [--data-dir DIR]
  talaria eval run --resume RUN_ID [--parallel N] [--out FILE.json] [--data-dir DIR]
      Run suites on local models (comma-separated: each × each --grammar value), storing every
      prompt, raw output and timing in the data folder; Ctrl+C stops, --resume goes on.
      --parallel N runs N cases at once on the engine's parallel context sequences.
  talaria eval runs [--json] [--data-dir DIR]
      List the stored runs: id, status, progress, accuracy, suites and models.
  talaria eval export RUN_ID [--format json|csv] [--out FILE] [--data-dir DIR]
      Every case of a run: verdict, reason, timings and raw output (JSON adds the prompts).
  talaria eval diff RUN_A RUN_B [--json] [--data-dir DIR]
      What RUN_B fixed and broke compared with RUN_A, case by case.
  talaria eval import FILE.jsonl [--name NAME] [--data-dir DIR]
      Check a suite of your own (format: shared/eval/README.md) and add it.`;

/** `<data-dir>/eval/suites`: the user's suites. */
export function userSuitesDir(dataDir: string | undefined): string {
  return join(resolve(resolveDataDir(dataDir)), 'eval', 'suites');
}

function catalogFor(dataDir: string | undefined): SuiteCatalog {
  return new SuiteCatalog({ bfclDir: defaultBfclDir(), userDir: userSuitesDir(dataDir) });
}

function pct(accuracy: number): string {
  return `${(accuracy * 100).toFixed(1)}%`;
}

/** The plain-text score table: one line per category, then overall. */
export function formatSummary(summary: ScoreSummary): string {
  const rows = Object.entries(summary.categories).map(([name, t]) => [name, t] as const);
  rows.push(['overall', summary.overall]);
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows
    .map(
      ([name, t]) =>
        `${name.padEnd(width)}  ${`${t.correct}/${t.total}`.padStart(9)}  ${pct(t.accuracy).padStart(6)}`,
    )
    .join('\n');
}

function readOutputs(file: string): Map<string, string> {
  const outputs = new Map<string, string>();
  readFileSync(resolve(file), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new TalariaError('INVALID_INPUT', `${file}, line ${i + 1}: not JSON.`);
      }
      const { id, output } = (row ?? {}) as { id?: unknown; output?: unknown };
      if (typeof id !== 'string' || typeof output !== 'string') {
        throw new TalariaError(
          'INVALID_INPUT',
          `${file}, line ${i + 1}: expected {"id": string, "output": string}.`,
        );
      }
      if (outputs.has(id))
        throw new TalariaError('INVALID_INPUT', `${file}, line ${i + 1}: "${id}" appears twice.`);
      outputs.set(id, output);
    });
  return outputs;
}

/** `talaria eval …`. Returns the exit code. */
export async function evalCommand(
  argv: string[],
  paths: () => EntryPaths,
  io: CliIo = processIo,
): Promise<number> {
  const [sub, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean' },
        suite: { type: 'string' },
        outputs: { type: 'string' },
        model: { type: 'string' },
        engine: { type: 'string' },
        'remote-model': { type: 'string' },
        'tool-choice': { type: 'string' },
        temperature: { type: 'string' },
        seed: { type: 'string' },
        'max-tokens': { type: 'string' },
        resume: { type: 'string' },
        parallel: { type: 'string' },
        limit: { type: 'string' },
        grammar: { type: 'string' },
        out: { type: 'string' },
        name: { type: 'string' },
        format: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\nUsage:\n${EVAL_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const dataDir = values['data-dir'];
  try {
    if (sub === 'suites') {
      const suites = catalogFor(dataDir).list();
      if (values.json) io.out(`${JSON.stringify(suites, null, 2)}\n`);
      else {
        const width = Math.max(...suites.map((s) => s.name.length));
        for (const s of suites)
          io.out(`${s.name.padEnd(width)}  ${String(s.cases).padStart(5)}  ${s.description}\n`);
      }
      return 0;
    }
    if (sub === 'import') {
      if (positionals.length !== 1) {
        io.err('Give the JSONL file to import.\n');
        return 2;
      }
      const { name, cases } = catalogFor(dataDir).import(positionals[0] ?? '', values.name);
      io.out(`Imported suite "${name}" (${cases} cases).\n`);
      return 0;
    }
    if (sub === 'score') {
      if (!values.suite || !values.outputs) {
        io.err('eval score needs --suite S and --outputs FILE.jsonl.\n');
        return 2;
      }
      const catalog = catalogFor(dataDir);
      const cases = new Map<string, EvalCase>();
      for (const name of values.suite.split(','))
        for (const c of catalog.cases(name.trim())) cases.set(c.id, c);
      const outputs = readOutputs(values.outputs);
      const unknown = [...outputs.keys()].filter((id) => !cases.has(id));
      if (unknown.length > 0) {
        throw new TalariaError(
          'INVALID_INPUT',
          `${unknown.length} output id(s) are not in ${values.suite}, e.g. "${unknown[0]}".`,
        );
      }
      const scores = [...outputs].map(([id, output]) => scoreCase(cases.get(id)!, output));
      const summary = summarize(scores);
      if (outputs.size < cases.size) {
        io.err(`Scored ${outputs.size} of ${cases.size} cases: the others have no output.\n`);
      }
      io.out(values.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
      return 0;
    }
    if (sub === 'runs' || sub === 'export' || sub === 'diff') {
      const { storedRunsCommand } = await import('./evalRuns');
      return await storedRunsCommand(sub, positionals, values, io);
    }
    if (sub === 'run') {
      const { runEvalCommand } = await import('./evalRun');
      return await runEvalCommand(values, catalogFor(dataDir), io, paths);
    }
  } catch (error) {
    if (error instanceof TalariaError) {
      io.err(`${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  io.err(`Unknown eval command "${sub ?? ''}".\n\nUsage:\n${EVAL_USAGE}\n`);
  return 2;
}

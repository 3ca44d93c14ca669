import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TalariaError } from '../../shared/contract/errors';
import { diffRuns, resultsCsv } from '../../shared/eval';
import { EvalStore } from '../backend/eval/EvalStore';
import { withStore, type CliIo } from './storeCommand';

export interface StoredRunFlags {
  json?: boolean;
  format?: string;
  out?: string;
  'data-dir'?: string;
}

/** `talaria eval runs|export|diff`: reading stored runs, no engine. */
export async function storedRunsCommand(
  sub: 'runs' | 'export' | 'diff',
  positionals: string[],
  flags: StoredRunFlags,
  io: CliIo,
): Promise<number> {
  const wanted = sub === 'runs' ? 0 : sub === 'export' ? 1 : 2;
  if (positionals.length !== wanted) {
    io.err(
      sub === 'export'
        ? 'Give one run id.\n'
        : sub === 'diff'
          ? 'Give two run ids.\n'
          : 'eval runs takes no arguments.\n',
    );
    return 2;
  }
  const format = flags.format ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    io.err(`Invalid --format "${format}": use json or csv.\n`);
    return 2;
  }
  return withStore(flags['data-dir'], io, (store) => {
    const evals = new EvalStore(store.db);
    const get = (id: string) => {
      const run = evals.run(id);
      if (!run)
        throw new TalariaError(
          'INVALID_INPUT',
          `No eval run "${id}" (talaria eval runs lists them).`,
        );
      return run;
    };
    if (sub === 'runs') {
      const runs = evals.runs();
      if (flags.json) io.out(`${JSON.stringify(runs, null, 2)}\n`);
      for (const r of flags.json ? [] : runs) {
        const accuracy = r.done > 0 ? `${((r.correct / r.done) * 100).toFixed(1)}%` : '–';
        io.out(
          `${r.id}  ${r.status.padEnd(9)}  ${`${r.done}/${r.total}`.padStart(11)}  ${accuracy.padStart(6)}  ` +
            `${r.plan.suites.join(',')}  ${r.plan.models.join(',')}\n`,
        );
      }
      return 0;
    }
    if (sub === 'export') {
      const run = get(positionals[0] ?? '');
      const results = evals.results(run.id);
      const text =
        format === 'csv' ? resultsCsv(results) : `${JSON.stringify({ run, results }, null, 2)}\n`;
      if (flags.out) {
        writeFileSync(resolve(flags.out), text);
        io.err(`Wrote ${results.length} case(s) to ${flags.out}\n`);
      } else io.out(text);
      return 0;
    }
    const [a, b] = positionals.map((id) => get(id));
    const diff = diffRuns(evals.results(a!.id), evals.results(b!.id));
    if (flags.json) io.out(`${JSON.stringify(diff)}\n`);
    else {
      io.out(
        `fixed ${diff.fixed.length}, broke ${diff.broke.length}` +
          ` (still correct ${diff.stillCorrect}, still wrong ${diff.stillWrong}` +
          `${diff.unmatched ? `, ${diff.unmatched} in one run only` : ''})\n`,
      );
      if (diff.fixed.length) io.out(`fixed: ${diff.fixed.join(', ')}\n`);
      if (diff.broke.length) io.out(`broke: ${diff.broke.join(', ')}\n`);
    }
    return 0;
  });
}

import type { CliIo } from './storeCommand';
import type { SuiteCatalog } from '../backend/eval/SuiteCatalog';

export interface EvalRunFlags {
  suite?: string;
  model?: string;
  engine?: string;
  'remote-model'?: string;
  limit?: string;
  grammar?: string;
  out?: string;
  'data-dir'?: string;
}

/** `talaria eval run`: checks its flags, then runs (see EvalRunner). */
export async function runEvalCommand(
  flags: EvalRunFlags,
  catalog: SuiteCatalog,
  io: CliIo,
): Promise<number> {
  if (flags.engine !== undefined) {
    io.err(
      'eval run --engine is not available yet: remote engines in eval runs are still to come; use --model FILE|ID.\n',
    );
    return 2;
  }
  if (!flags.suite || !flags.model) {
    io.err('eval run needs --suite S[,S…] and --model FILE|ID.\n');
    return 2;
  }
  void catalog;
  io.err('eval run is not built yet.\n');
  return 1;
}

import { parseArgs } from 'node:util';
import { createCliContext } from './cliContext';
import { downloadCommand } from './downloadCommand';
import { filesCommand, searchCommand } from './hubCommands';
import { listCommand, removeCommand } from './libraryCommands';
import { MODELS_ENV, MODELS_USAGE } from './usage';

class UsageError extends Error {}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer.`);
  return n;
}

/** `talaria models …`; resolves with the exit code. */
export async function runModels(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        quant: { type: 'string' },
        revision: { type: 'string' },
        ctx: { type: 'string' },
        limit: { type: 'string' },
        'no-fit': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [sub, first, second] = positionals;
  if (values.help || !sub) {
    console.log(`Usage:\n${MODELS_USAGE}\n\nEnvironment:\n${MODELS_ENV}`);
    return values.help ? 0 : 2;
  }
  const ctx = createCliContext({ dataDir: values['data-dir'], json: values.json });
  try {
    const contextSize = positiveInt(values.ctx, '--ctx');
    const need = (value: string | undefined, what: string): string => {
      if (!value) throw new UsageError(`talaria models ${sub} needs ${what}.`);
      return value;
    };
    switch (sub) {
      case 'search':
        return await searchCommand(
          ctx,
          positionals.slice(1).join(' '),
          positiveInt(values.limit, '--limit') ?? 20,
        );
      case 'files':
        return await filesCommand(ctx, need(first, 'a repo (owner/name)'), {
          contextSize,
          fit: !values['no-fit'],
          revision: values.revision,
        });
      case 'download':
        if (second !== undefined && values.quant !== undefined) {
          throw new UsageError('Name a file or --quant, not both.');
        }
        return await downloadCommand(ctx, {
          repoId: need(first, 'a repo (owner/name)'),
          file: second,
          quant: values.quant,
          revision: values.revision,
          contextSize,
        });
      case 'list':
        return await listCommand(ctx);
      case 'rm':
        return await removeCommand(ctx, need(first, 'a model id'));
      default:
        throw new UsageError(`Unknown models command "${sub}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    ctx.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    ctx.hub.dispose();
  }
}

function usage(message: string): number {
  console.error(`${message}\n\nUsage:\n${MODELS_USAGE}`);
  return 2;
}

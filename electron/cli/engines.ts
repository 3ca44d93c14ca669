import { parseArgs } from 'node:util';
import { EngineRegistry, type RemoteEngineInfo } from '../backend/engines/EngineRegistry';
import { processIo, withStore, type CliIo } from './storeCommand';

export const ENGINES_USAGE = `  talaria engines add <name> --url <base-url> [--api-key KEY | --api-key-env VAR] [--data-dir DIR]
      Add a remote OpenAI-compatible engine (vLLM, llama.cpp server, Ollama, a hosted
      endpoint) and probe what it offers. Keys: the desktop app stores them encrypted; here
      give the variable that holds it (--api-key-env); the key goes to that URL only.
  talaria engines list [--json] [--data-dir DIR]
      The engines, their models and capabilities (raw prompt · grammar · tokenizer).
  talaria engines test <name> [--data-dir DIR]
      Probe an engine again; exits 1 when it cannot be reached or refuses the key.
  talaria engines rm <name> [--data-dir DIR]
      Remove an engine (and its stored key).`;

function line(engine: RemoteEngineInfo): string {
  const status = engine.lastError ? `✗ ${engine.lastError}` : (engine.summary ?? 'not probed yet');
  const key =
    engine.keySource === 'env'
      ? `key from $${engine.apiKeyEnv}`
      : engine.keySource === 'stored'
        ? 'key stored'
        : 'no key';
  const models = engine.capabilities?.models.join(', ') || '—';
  return `${engine.name}\t${engine.baseUrl}\t${key}\n  ${status}\n  models: ${models}\n`;
}

/** `talaria engines …`: remote engines without starting the app. Returns the exit code. */
export async function engines(argv: string[], io: CliIo = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      url: { type: 'string' },
      'api-key': { type: 'string' },
      'api-key-env': { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const usage = (why: string) => {
    io.err(`${why}\n\nUsage:\n${ENGINES_USAGE}\n`);
    return 2;
  };
  if (sub !== 'add' && sub !== 'list' && sub !== 'test' && sub !== 'rm') {
    return usage(`Unknown engines command "${sub ?? ''}".`);
  }
  const name = positionals[0];
  if (sub !== 'list' && (positionals.length !== 1 || !name)) return usage('Give one engine name.');
  if (sub === 'add' && !values.url) return usage('Give the server address with --url.');

  return withStore(values['data-dir'], io, async (store) => {
    const registry = new EngineRegistry({ settings: store.settings, env: process.env });
    if (sub === 'list') {
      const all = registry.list();
      if (values.json) io.out(`${JSON.stringify(all, null, 2)}\n`);
      else if (all.length === 0) io.out('No engines. Add one with `talaria engines add`.\n');
      else all.forEach((e) => io.out(line(e)));
      return 0;
    }
    if (sub === 'rm') {
      await registry.remove(name ?? '');
      io.err(`Removed ${name}.\n`);
      return 0;
    }
    const engine =
      sub === 'add'
        ? await registry.add({
            name: name ?? '',
            baseUrl: values.url ?? '',
            apiKey: values['api-key'],
            apiKeyEnv: values['api-key-env'],
          })
        : await registry.test(name ?? '');
    io.out(line(engine));
    if (engine.lastError) {
      io.err(
        sub === 'add'
          ? `Added ${engine.name}, but: ${engine.lastError}\n`
          : `${engine.lastError}\n`,
      );
      return sub === 'add' ? 0 : 1;
    }
    return 0;
  });
}

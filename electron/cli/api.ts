import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RequestLogEntry } from '../api/ApiServer';
import { bindProblem } from '../api/httpGuards';
import { createBackend } from '../backend/createBackend';
import { createNodeEngineSpawner } from '../backend/engine/spawnNodeEngine';
import { resolveDataDir } from '../backend/paths';
import { APP_VERSION } from '../backend/version';
import type { EntryPaths } from './entryPaths';

export { API_USAGE } from './apiUsage';

/** `talaria api`: the OpenAI-compatible server. Returns an exit code, or -1 while it runs. */
export async function api(args: string[], paths: EntryPaths): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      model: { type: 'string' },
      'api-key': { type: 'string' },
      parallel: { type: 'string' },
      cors: { type: 'string', multiple: true },
      ttl: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const port = integer(values.port, 1234, 0, 65535, '--port');
  const parallel = integer(values.parallel, 1, 1, 64, '--parallel');
  const ttl = integer(values.ttl, 900, 0, 7 * 24 * 3600, '--ttl');
  if (port === null || parallel === null || ttl === null) return 2;
  const host = values.host ?? '127.0.0.1';
  const apiKey = values['api-key'] ?? (process.env.TALARIA_API_KEY || null);
  // Checked before anything starts, so a refused address costs no engine start-up.
  const problem = bindProblem(host, apiKey);
  if (problem) {
    console.error(problem);
    return 2;
  }
  const dataDir = resolve(resolveDataDir(values['data-dir']));
  const backend = createBackend({
    dataDir,
    shell: 'host',
    version: APP_VERSION,
    spawnEngine: createNodeEngineSpawner({
      entry: paths.engineEntry,
      execArgv: paths.engineExecArgv,
    }),
    log: (message, error) => console.error(`[talaria] ${message}:`, error),
  });
  let server;
  try {
    server = await backend.startApi({
      host,
      port,
      apiKey,
      parallel,
      corsOrigins: values.cors ?? [],
      idleTtlMs: ttl * 1000,
      onRequest: (entry) => console.error(logLine(entry)),
    });
  } catch (error) {
    console.error(`Cannot start the API: ${(error as Error).message}`);
    await backend.dispose();
    return 1;
  }
  let closing = false;
  const shutdown = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await backend.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  if (values.model) {
    const file = resolve(values.model);
    try {
      if (existsSync(file)) await backend.loadModel(file, { parallel });
      else await server.preload(values.model);
      console.error(`[talaria] model loaded: ${values.model}`);
    } catch (error) {
      console.error(`[talaria] could not load ${values.model}: ${(error as Error).message}`);
    }
  }
  console.log(`OpenAI-compatible API: ${server.url}`);
  return -1;
}

function integer(
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  flag: string,
): number | null {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`Invalid ${flag}: ${value} (an integer from ${min} to ${max}).`);
    return null;
  }
  return n;
}

function logLine(e: RequestLogEntry): string {
  const tokens = e.completionTokens === null ? '' : ` ${e.promptTokens}+${e.completionTokens} tok`;
  const ttft = e.ttftMs === null ? '' : ` ttft ${Math.round(e.ttftMs)} ms`;
  const speed = e.tokensPerSecond === null ? '' : ` ${e.tokensPerSecond.toFixed(1)} tok/s`;
  const model = e.model ? ` ${e.model}` : '';
  return `[api] ${e.method} ${e.path} ${e.status}${model}${tokens}${ttft}${speed} ${e.durationMs} ms`;
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createBackend } from '../backend/createBackend';
import { createNodeEngineSpawner } from '../backend/engine/spawnNodeEngine';
import { resolveDataDir } from '../backend/paths';
import { APP_VERSION } from '../backend/version';
import { createHost } from '../host/createHost';
import { resolveHostToken } from '../host/hostAuth';
import type { EntryPaths } from './entryPaths';

export interface ServeOptions {
  port?: number;
  dataDir?: string;
  model?: string;
  token?: string;
}

/** `talaria serve`: the whole app over HTTP + WebSocket on 127.0.0.1. */
export async function serve(options: ServeOptions, paths: EntryPaths): Promise<void> {
  if (!existsSync(resolve(paths.rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built (${paths.rendererDir}). Run \`npm run build\` first.`,
    );
  }
  const token = options.token ?? process.env.TALARIA_TOKEN;
  // Refused before anything starts: a weak secret must not leave a host running at all.
  if (token !== undefined) resolveHostToken(token);
  const dataDir = resolve(resolveDataDir(options.dataDir));
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
  const host = await createHost({
    backend,
    rendererDir: paths.rendererDir,
    port: options.port,
    token,
    onSignInLink: (url) => console.log(`A used sign-in link was opened again. Open ${url}`),
  });

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    console.log(`[talaria] ${signal}: saving and shutting down…`);
    await host.close();
    await backend.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  console.log(`Talaria ${APP_VERSION} — data in ${dataDir}`);
  console.log(`Open ${host.url}`);
  if (options.model) {
    const model = resolve(options.model);
    console.log(`Loading ${model}…`);
    try {
      await backend.loadModel(model);
      console.log(`Model loaded: ${model}`);
    } catch (error) {
      console.error(`Could not load ${model}: ${(error as Error).message}`);
    }
  }
}

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EntryPaths {
  engineEntry: string;
  engineExecArgv: string[];
  rendererDir: string;
}

/**
 * Where the engine child entry and the built renderer are, relative to the running CLI entry:
 * next to it when built (`out/main/cli.js`), or in the source tree when run through tsx.
 */
export function entryPaths(cliUrl: string): EntryPaths {
  const file = fileURLToPath(cliUrl);
  const dir = dirname(file);
  if (file.endsWith('.ts')) {
    const repo = resolve(dir, '..', '..');
    return {
      engineEntry: resolve(repo, 'electron/backend/engine/engineProcess.ts'),
      engineExecArgv: ['--import', 'tsx'],
      rendererDir: resolve(repo, 'out/renderer'),
    };
  }
  const builtEngine = resolve(dir, 'engine.js');
  if (!existsSync(builtEngine)) throw new Error(`Engine entry missing: ${builtEngine}`);
  return {
    engineEntry: builtEngine,
    engineExecArgv: [],
    rendererDir: resolve(dir, '..', 'renderer'),
  };
}

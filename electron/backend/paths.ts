import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Electron's `userData` folder for an app named Talaria, so the desktop app and
 * `talaria serve` share one library and one conversation store by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Talaria');
  if (process.platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Talaria');
  }
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Talaria');
}

/** `--data-dir` wins, then `TALARIA_DATA_DIR`, then the default. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag ?? env.TALARIA_DATA_DIR ?? defaultDataDir(env);
}

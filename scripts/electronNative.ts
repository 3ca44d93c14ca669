/**
 * Puts a better-sqlite3 addon built for the installed Electron at out/native/, for `npm start`.
 *
 * better-sqlite3 is a V8-ABI addon, so the copy in node_modules (built for Node, which the
 * tests, the CLI and the headless host use) cannot load inside Electron. Rather than rebuilding
 * node_modules back and forth, we keep a second build per Electron version in .cache and hand
 * its path to better-sqlite3's `nativeBinding` option in the Electron main process.
 * node-llama-cpp needs nothing of the kind: it is N-API and runs in the engine process.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function versionOf(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** node-gyp as bundled with the npm that runs this script (or the one beside node). */
function nodeGypBin(): string {
  const npmCli = process.env.npm_execpath;
  const npmDir = npmCli
    ? dirname(dirname(npmCli))
    : dirname(
        require.resolve('npm/package.json', {
          paths: [
            dirname(process.execPath),
            join(dirname(process.execPath), '..', 'lib', 'node_modules'),
          ],
        }),
      );
  return join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
}

export function ensureElectronSqliteBinding(): string {
  const electronVersion = versionOf(packageDir('electron'));
  const sqliteDir = packageDir('better-sqlite3');
  const key = `better-sqlite3-${versionOf(sqliteDir)}-electron-${electronVersion}-${process.platform}-${process.arch}`;
  const work = join(repo, '.cache', 'electron-native', key);
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) {
    rmSync(work, { recursive: true, force: true });
    cpSync(sqliteDir, work, {
      recursive: true,
      filter: (src) => !src.includes(`${sqliteDir}/build`),
    });
    // A machine-wide npm `nodedir` would make node-gyp compile against the local Node's headers
    // instead of Electron's, producing an addon Electron refuses: drop it for this build (and
    // run node-gyp directly rather than through npx, which would read it back from .npmrc).
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      npm_config_runtime: 'electron',
      npm_config_target: electronVersion,
    };
    delete env.npm_config_nodedir;
    try {
      // Prebuilt binaries for Electron are published with each better-sqlite3 release.
      execFileSync(
        process.execPath,
        [
          join(packageDir('prebuild-install'), 'bin.js'),
          '--runtime',
          'electron',
          '--target',
          electronVersion,
        ],
        { cwd: work, stdio: 'inherit', env },
      );
    } catch {
      console.log('No prebuilt better-sqlite3 for this Electron; compiling it (about a minute)…');
      execFileSync(
        process.execPath,
        [
          nodeGypBin(),
          'rebuild',
          '--release',
          `--target=${electronVersion}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        { cwd: work, stdio: 'inherit', env },
      );
    }
    if (!existsSync(built))
      throw new Error(`Building better-sqlite3 for Electron ${electronVersion} produced no addon.`);
  }
  const target = join(repo, 'out', 'native', 'better_sqlite3.node');
  mkdirSync(dirname(target), { recursive: true });
  cpSync(built, target);
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`better-sqlite3 for Electron: ${ensureElectronSqliteBinding()}`);
  } catch (error) {
    console.error(
      `Could not prepare better-sqlite3 for Electron: ${(error as Error).message}\n` +
        'The desktop app needs it; `npm run serve` works without it.',
    );
    process.exit(1);
  }
}

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * llama.cpp's own `llama-server` and `llama-bench`, built from the llama.cpp source that
 * node-llama-cpp ships in its npm package (a git bundle), so tests and benchmarks can run a real
 * third-party OpenAI-compatible server on the same engine code as the app. The build (about 20
 * minutes on 2 cores) is cached outside the repository, keyed by the bundle's commit, and only
 * redone when node-llama-cpp ships another llama.cpp.
 */
export interface LlamaServerBinaries {
  server: string;
  bench: string;
  /** The llama.cpp commit the binaries were built from. */
  commit: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const llamaDir = join(repoRoot, 'node_modules', 'node-llama-cpp', 'llama');

function bundleCommit(bundle: string): string {
  const heads = execFileSync('git', ['bundle', 'list-heads', bundle], { encoding: 'utf8' });
  const commit = heads.trim().split(/\s+/)[0];
  if (!commit || !/^[0-9a-f]{40}$/.test(commit)) throw new Error(`No commit in ${bundle}`);
  return commit;
}

/** Where the binaries for this llama.cpp live; TALARIA_LLAMA_CACHE moves the cache. */
export function llamaServerCacheDir(commit: string): string {
  const root = process.env.TALARIA_LLAMA_CACHE ?? join(homedir(), '.cache', 'talaria', 'llama.cpp');
  const key = createHash('sha256').update(commit).digest('hex').slice(0, 12);
  return join(root, `${commit.slice(0, 12)}-${key}`);
}

function cached(dir: string, commit: string): LlamaServerBinaries | undefined {
  const server = join(dir, 'bin', 'llama-server');
  const bench = join(dir, 'bin', 'llama-bench');
  if (!existsSync(server) || !existsSync(bench) || !existsSync(join(dir, 'COMPLETE'))) return;
  return { server, bench, commit };
}

/** Returns the cached binaries, building them first when this llama.cpp has none. */
export function ensureLlamaServer(log: (line: string) => void = console.log): LlamaServerBinaries {
  const bundle = join(llamaDir, 'gitRelease.bundle');
  if (!existsSync(bundle)) throw new Error(`node-llama-cpp ships no llama.cpp source at ${bundle}`);
  const commit = bundleCommit(bundle);
  const dir = llamaServerCacheDir(commit);
  const hit = cached(dir, commit);
  if (hit) return hit;

  const work = `${dir}.build-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const src = join(work, 'src');
  const build = join(work, 'build');
  log(
    `[llama-server] building llama.cpp ${commit.slice(0, 12)} in ${work} (about 20 min on 2 cores)`,
  );
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  run('git', ['clone', '--quiet', bundle, src]);
  run('cmake', [
    '-S',
    src,
    '-B',
    build,
    '-DCMAKE_BUILD_TYPE=Release',
    '-DLLAMA_CURL=OFF',
    '-DLLAMA_OPENSSL=OFF',
    '-DLLAMA_BUILD_TESTS=OFF',
    '-DLLAMA_BUILD_EXAMPLES=OFF',
    '-DBUILD_SHARED_LIBS=OFF',
    '-DGGML_NATIVE=ON',
  ]);
  const jobs = String(Math.max(1, cpus().length));
  run('cmake', [
    '--build',
    build,
    '--config',
    'Release',
    '-j',
    jobs,
    '--target',
    'llama-server',
    'llama-bench',
  ]);

  mkdirSync(join(work, 'bin'), { recursive: true });
  for (const name of ['llama-server', 'llama-bench']) {
    renameSync(join(build, 'bin', name), join(work, 'bin', name));
  }
  rmSync(src, { recursive: true, force: true });
  rmSync(build, { recursive: true, force: true });
  writeFileSync(join(work, 'COMPLETE'), `${commit}\n`);
  // Another process may have finished first; either copy is the same build.
  if (!cached(dir, commit)) {
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  } else {
    rmSync(work, { recursive: true, force: true });
  }
  const done = cached(dir, commit);
  if (!done) throw new Error(`llama-server build finished but ${dir} is incomplete`);
  log(`[llama-server] ready: ${done.server}`);
  return done;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bins = ensureLlamaServer();
  process.stdout.write(`${JSON.stringify(bins)}\n`);
}

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Downloader } from '../electron/backend/models/Downloader';
import { HubClient } from '../electron/backend/models/HubClient';
import { HubTestServer } from '../scripts/hub/HubTestServer';
import { fmt, median } from './stats';

/**
 * `npm run bench -- download [--size MiB] [--rounds N]`: our downloader against curl on the same
 * loopback file in the same run (interleaved rounds, medians), then the cost of resuming after a
 * SIGKILL mid-download. The Hub test server runs in its own process so it does not share an
 * event loop (or a core's worth of time) with the downloader being measured.
 */

const SERVER_FLAG = '--bench-download-server';
const REPO = 'bench/Hermes-Bench-GGUF';
const FILE = 'Hermes-Bench.Q4_K_M.gguf';
const MiB = 1024 * 1024;

interface ServerReady {
  hubUrl: string;
  sha256: string;
}

/** Content of any size from one 16 MiB random block, cheap to serve at loopback speed. */
function generatedContent(size: number) {
  const block = randomBytes(16 * MiB);
  return {
    size,
    read(offset: number, length: number): Buffer {
      const start = offset % block.length;
      if (start + length <= block.length) return block.subarray(start, start + length);
      const out = Buffer.allocUnsafe(length);
      for (let done = 0; done < length;) {
        const at = (offset + done) % block.length;
        const n = Math.min(length - done, block.length - at);
        block.copy(out, done, at, at + n);
        done += n;
      }
      return out;
    },
  };
}

async function serveForBench(): Promise<void> {
  const size = Number(process.argv[process.argv.indexOf(SERVER_FLAG) + 1]);
  const cdn = new HubTestServer();
  await cdn.start();
  const hub = new HubTestServer({ cdn });
  await hub.start();
  const content = generatedContent(size);
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += 8 * MiB) {
    hash.update(content.read(offset, Math.min(8 * MiB, size - offset)));
  }
  const sha256 = hash.digest('hex');
  hub.addRepo({ id: REPO, files: [{ path: FILE, content: { ...content, sha256 } }] });
  process.send?.({ hubUrl: hub.url, sha256 } satisfies ServerReady);
  process.on(
    'disconnect',
    () => void Promise.all([hub.stop(), cdn.stop()]).then(() => process.exit(0)),
  );
}

function startServer(size: number): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const child = fork(fileURLToPath(import.meta.url), [SERVER_FLAG, String(size)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((ok, fail) => {
    child.once('message', (ready) => ok({ child, ready: ready as ServerReady }));
    child.once('exit', (code) => fail(new Error(`bench server exited with ${code}`)));
  });
}

/** Wall time of a command, failing on a non-zero exit. */
function timed(command: string, args: string[]): Promise<number> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0
        ? ok(performance.now() - started)
        : fail(new Error(`${command} exited with ${code}`)),
    );
  });
}

function curlOnce(url: string, out: string): Promise<number> {
  return timed('curl', ['--silent', '--show-error', '--fail', '--output', out, url]);
}

async function oursOnce(
  hubUrl: string,
  modelsDir: string,
): Promise<{ ms: number; verifyMs: number }> {
  const hub = new HubClient({ endpoint: hubUrl });
  const downloader = new Downloader({ modelsDir, hub });
  try {
    const started = performance.now();
    const job = await downloader.enqueue({ repoId: REPO, file: FILE });
    const done = await downloader.waitFor(job.id);
    return { ms: performance.now() - started, verifyMs: done.stats.verifyMs };
  } finally {
    await downloader.dispose();
    hub.dispose();
  }
}

/** Kills a download in a child process at `killAt` bytes, then resumes it here. */
async function resumeAfterKill(hubUrl: string, modelsDir: string, killAt: number) {
  const childEntry = resolve(
    import.meta.dirname,
    '../electron/backend/models/testDownloadChild.ts',
  );
  const child = fork(
    childEntry,
    [JSON.stringify({ endpoint: hubUrl, modelsDir, repoId: REPO, file: FILE, tuning: {} })],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  let atKill = 0;
  await new Promise<void>((ok, fail) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, nl)) as { type: string; receivedBytes?: number };
        buffer = buffer.slice(nl + 1);
        if (line.type === 'done') fail(new Error('the download finished before the kill'));
        if ((line.receivedBytes ?? 0) >= killAt && child.exitCode === null) {
          atKill = line.receivedBytes ?? 0;
          child.kill('SIGKILL');
        }
      }
    });
    child.once('exit', () => ok());
  });
  const hub = new HubClient({ endpoint: hubUrl });
  const downloader = new Downloader({ modelsDir, hub, progressIntervalMs: 0 });
  try {
    const started = performance.now();
    let firstByteMs: number | null = null;
    downloader.onEvent(({ job }) => {
      if (firstByteMs === null && job.stats.downloadedBytes > 0) {
        firstByteMs = performance.now() - started;
      }
    });
    const job = await downloader.enqueue({ repoId: REPO, file: FILE });
    const done = await downloader.waitFor(job.id);
    return {
      atKill,
      kept: done.stats.resumedBytes,
      fetched: done.stats.downloadedBytes,
      // Everything fetched in both sessions beyond the file itself: what the kill cost.
      refetched: atKill + done.stats.downloadedBytes - done.totalBytes,
      firstByteMs: firstByteMs ?? Number.NaN,
      totalMs: performance.now() - started,
    };
  } finally {
    await downloader.dispose();
    hub.dispose();
  }
}

const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { size: { type: 'string' }, rounds: { type: 'string' } },
  });
  const size = Math.round(Number(values.size ?? 512) * MiB);
  const rounds = Math.max(1, Number(values.rounds ?? 5));
  const work = await mkdtemp(join(tmpdir(), 'talaria-bench-download-'));
  const { child, ready } = await startServer(size);
  try {
    const probe = new HubClient({ endpoint: ready.hubUrl });
    const cdnUrl = (await probe.resolveFile(REPO, FILE)).url;
    probe.dispose();
    console.log(`download bench: ${size / MiB} MiB over loopback, ${rounds} interleaved rounds`);
    console.log(`  hub ${ready.hubUrl}, bytes from ${new URL(cdnUrl).origin} (a second origin)`);
    // One unmeasured round each: page cache, sockets and JIT warm up the same for both.
    await curlOnce(cdnUrl, join(work, 'warm.gguf'));
    await rm(join(work, 'warm.gguf'), { force: true });
    await oursOnce(ready.hubUrl, join(work, 'warm'));
    await rm(join(work, 'warm'), { recursive: true, force: true });
    const curlMs: number[] = [];
    const hashMs: number[] = [];
    const oursMs: number[] = [];
    const verifyMs: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const curlOut = join(work, 'curl.gguf');
      curlMs.push(await curlOnce(cdnUrl, curlOut));
      if ((await stat(curlOut)).size !== size) throw new Error('curl wrote the wrong size');
      hashMs.push(await timed('sha256sum', [curlOut]));
      await rm(curlOut, { force: true });
      const modelsDir = join(work, `ours-${round}`);
      const ours = await oursOnce(ready.hubUrl, modelsDir);
      oursMs.push(ours.ms);
      verifyMs.push(ours.verifyMs);
      await rm(modelsDir, { recursive: true, force: true });
      console.log(
        `  round ${round}: curl ${fmt(mbps(size, curlMs[round - 1] ?? 0), 0)} MiB/s, ours ${fmt(mbps(size, ours.ms), 0)} MiB/s (sha256 verified, ${fmt(ours.verifyMs, 0)} ms after the last byte)`,
      );
    }
    const curl = mbps(size, median(curlMs));
    const ours = mbps(size, median(oursMs));
    console.log('');
    console.log(
      `  curl (no hash)             ${fmt(curl, 0)} MiB/s   median ${fmt(median(curlMs), 0)} ms`,
    );
    console.log(
      `  ours (4 ranges + sha256)   ${fmt(ours, 0)} MiB/s   median ${fmt(median(oursMs), 0)} ms`,
    );
    const curlHashed = mbps(size, median(curlMs) + median(hashMs));
    console.log(
      `  curl, then sha256sum       ${fmt(curlHashed, 0)} MiB/s   median ${fmt(median(curlMs) + median(hashMs), 0)} ms (the same guarantee as ours)`,
    );
    console.log(`  ratio ours / curl          ${fmt(ours / curl, 2)}   (goal >= 0.90)`);
    console.log(`  ratio ours / curl+sha256   ${fmt(ours / curlHashed, 2)}`);
    console.log(
      `  verify tail (median)       ${fmt(median(verifyMs), 0)} ms from last byte to verdict`,
    );

    const resume = await resumeAfterKill(ready.hubUrl, join(work, 'resume'), Math.floor(size / 2));
    console.log('');
    console.log('  resume after SIGKILL at ~50%:');
    console.log(`    received before the kill   ${fmt(resume.atKill / MiB, 1)} MiB`);
    console.log(`    kept on disk (resumed)     ${fmt(resume.kept / MiB, 1)} MiB`);
    console.log(
      `    re-downloaded              ${fmt(resume.refetched / MiB, 2)} MiB (${fmt((resume.refetched / size) * 100, 2)}% of the file)`,
    );
    console.log(`    time to first new byte     ${fmt(resume.firstByteMs, 0)} ms`);
    console.log(`    time to verified file      ${fmt(resume.totalMs, 0)} ms`);
  } finally {
    child.disconnect();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv.includes(SERVER_FLAG)) void serveForBench();

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
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

/**
 * CPU milliseconds from `/proc/<pid>/stat`: the process's own (utime + stime), or what its
 * reaped children used (cutime + cstime). Null where there is no procfs.
 */
function procCpuMs(pid: number | 'self', children: boolean): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields from the state (3rd in proc(5)) on: utime is the 14th, so index 11 here.
    const at = children ? 13 : 11;
    return ((Number(fields[at]) + Number(fields[at + 1])) * 1000) / 100;
  } catch {
    return null;
  }
}

interface Timed {
  ms: number;
  /** CPU the command used (user + system), when procfs can tell. */
  cpuMs: number | null;
}

/** Wall time and CPU of a command, failing on a non-zero exit. */
function timed(command: string, args: string[]): Promise<Timed> {
  return new Promise((ok, fail) => {
    const cpuBefore = procCpuMs('self', true);
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      // The exit event comes after libuv reaped the child, so its times are in ours now.
      const cpuAfter = procCpuMs('self', true);
      if (code !== 0) fail(new Error(`${command} exited with ${code}`));
      else ok({ ms, cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore });
    });
  });
}

function curlOnce(url: string, out: string): Promise<Timed> {
  return timed('curl', ['--silent', '--show-error', '--fail', '--output', out, url]);
}

async function oursOnce(hubUrl: string, modelsDir: string): Promise<Timed & { verifyMs: number }> {
  const hub = new HubClient({ endpoint: hubUrl });
  const downloader = new Downloader({ modelsDir, hub });
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const job = await downloader.enqueue({ repoId: REPO, file: FILE });
    const done = await downloader.waitFor(job.id);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    // All of this process's threads: the event loop, the hash worker, libuv's pool.
    return { ms, cpuMs: (used.user + used.system) / 1000, verifyMs: done.stats.verifyMs };
  } finally {
    await downloader.dispose();
    hub.dispose();
  }
}

/** CPU one sha256 of `size` bytes costs in this process (the floor of what verifying adds). */
function sha256CpuMs(size: number): number {
  const block = randomBytes(16 * MiB);
  const cpu = process.cpuUsage();
  const hash = createHash('sha256');
  for (let done = 0; done < size; done += block.length) {
    hash.update(block.subarray(0, Math.min(block.length, size - done)));
  }
  hash.digest();
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000;
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
    const curlCpu: number[] = [];
    const hashMs: number[] = [];
    const oursMs: number[] = [];
    const oursCpu: number[] = [];
    const serverCpuCurl: number[] = [];
    const serverCpuOurs: number[] = [];
    const verifyMs: number[] = [];
    const serverCpu = () => (child.pid === undefined ? null : procCpuMs(child.pid, false));
    const push = (into: number[], value: number | null) => {
      if (value !== null) into.push(value);
    };
    for (let round = 1; round <= rounds; round++) {
      const curlOut = join(work, 'curl.gguf');
      const serverBeforeCurl = serverCpu();
      const curlRun = await curlOnce(cdnUrl, curlOut);
      const serverAfterCurl = serverCpu();
      curlMs.push(curlRun.ms);
      push(curlCpu, curlRun.cpuMs);
      if (serverBeforeCurl !== null && serverAfterCurl !== null) {
        serverCpuCurl.push(serverAfterCurl - serverBeforeCurl);
      }
      if ((await stat(curlOut)).size !== size) throw new Error('curl wrote the wrong size');
      hashMs.push((await timed('sha256sum', [curlOut])).ms);
      await rm(curlOut, { force: true });
      const modelsDir = join(work, `ours-${round}`);
      const serverBeforeOurs = serverCpu();
      const ours = await oursOnce(ready.hubUrl, modelsDir);
      const serverAfterOurs = serverCpu();
      oursMs.push(ours.ms);
      push(oursCpu, ours.cpuMs);
      if (serverBeforeOurs !== null && serverAfterOurs !== null) {
        serverCpuOurs.push(serverAfterOurs - serverBeforeOurs);
      }
      verifyMs.push(ours.verifyMs);
      await rm(modelsDir, { recursive: true, force: true });
      console.log(
        `  round ${round}: curl ${fmt(mbps(size, curlRun.ms), 0)} MiB/s, ours ${fmt(mbps(size, ours.ms), 0)} MiB/s (sha256 verified, ${fmt(ours.verifyMs, 0)} ms after the last byte)`,
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
    if (curlCpu.length > 0 && oursCpu.length > 0 && serverCpuOurs.length > 0) {
      // Everything runs on this machine's cores: ours, its hash worker and the test server.
      const cores = availableParallelism();
      const floorMs = (median(oursCpu) + median(serverCpuOurs)) / cores;
      console.log('');
      console.log(`  CPU per ${size / MiB} MiB (medians, user + system; ${cores} cores here):`);
      console.log(`    curl                       ${fmt(median(curlCpu), 0)} ms`);
      console.log(
        `    ours, all threads          ${fmt(median(oursCpu), 0)} ms (one sha256 of the file alone: ${fmt(sha256CpuMs(size), 0)} ms)`,
      );
      console.log(
        `    test server, for curl      ${fmt(median(serverCpuCurl), 0)} ms; for ours ${fmt(median(serverCpuOurs), 0)} ms`,
      );
      console.log(
        `    floor for ours             ${fmt(floorMs, 0)} ms if every core were busy all the time: ratio <= ${fmt(median(curlMs) / floorMs, 2)}`,
      );
    }

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

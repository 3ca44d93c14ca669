import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HubTestServer } from '../../../scripts/hub/HubTestServer';
import { Downloader, type DownloaderOptions } from './Downloader';
import type { DownloadEvent } from './downloadTypes';
import { HubClient } from './HubClient';
import { defaultOpenPartFile, type OpenPartFile } from './utils/PartFile';
import {
  FAST_TUNING,
  listTree,
  removeDir,
  seededBytes,
  sha256,
  sha256File,
  startHubPair,
  tempDir,
} from './testSupport';

const REPO = 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF';
const SPLIT_REPO = 'NousResearch/Hermes-3-Llama-3.1-70B-GGUF';
const GATED = 'NousResearch/Gated-Hermes-GGUF';
const Q4 = 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf';
const q4 = seededBytes(2 * 1024 * 1024 + 123, 1);
const parts = [seededBytes(700_000, 2), seededBytes(650_000, 3), seededBytes(300_000, 4)];
const partName = (i: number) => `Q2_K/Hermes-3-Llama-3.1-70B.Q2_K-0000${i}-of-00003.gguf`;

let hub: HubTestServer;
let cdn: HubTestServer;
let stopServers: () => Promise<void>;
let modelsDir: string;
const downloaders: Downloader[] = [];

beforeAll(async () => {
  ({ hub, cdn, stop: stopServers } = await startHubPair());
  hub.addRepo({
    id: REPO,
    files: [
      { path: Q4, content: q4 },
      { path: 'Hermes-3-Llama-3.2-3B.Q8_0.gguf', content: seededBytes(300_000, 9) },
      { path: '../evil.gguf', content: seededBytes(10, 5) },
      { path: 'README.md', content: Buffer.from('# card') },
    ],
  });
  hub.addRepo({
    id: SPLIT_REPO,
    files: parts.map((content, i) => ({ path: partName(i + 1), content })),
  });
  hub.addRepo({
    id: GATED,
    gated: 'manual',
    files: [{ path: 'gated.Q4_0.gguf', content: seededBytes(400_000, 6) }],
  });
  hub.addToken('hf_secret', [GATED]);
});

afterAll(async () => {
  await stopServers();
});

beforeEach(async () => {
  modelsDir = await tempDir('downloads');
  hub.clearFaults();
  cdn.clearFaults();
  hub.clearRequests();
  cdn.clearRequests();
});

afterEach(async () => {
  await Promise.all(downloaders.splice(0).map((d) => d.dispose()));
  await removeDir(modelsDir);
});

function downloader(options: Partial<DownloaderOptions> & { token?: string } = {}): Downloader {
  const client = new HubClient({
    endpoint: hub.url,
    token: options.token ?? null,
    retryDelayMs: 5,
  });
  const d = new Downloader({ ...FAST_TUNING, modelsDir, hub: client, ...options });
  downloaders.push(d);
  return d;
}

describe('Downloader happy path', () => {
  it('downloads with parallel ranges, verifies sha256 and moves the file into the library', async () => {
    const d = downloader();
    const events: DownloadEvent[] = [];
    d.onEvent((e) => events.push(e));
    const job = await d.enqueue({ repoId: REPO, file: Q4 });
    const done = await d.waitFor(job.id);
    const dest = join(modelsDir, 'NousResearch', 'Hermes-3-Llama-3.2-3B-GGUF', Q4);
    expect(done).toMatchObject({ state: 'completed', libraryPath: dest, receivedBytes: q4.length });
    expect(await sha256File(dest)).toBe(sha256(q4));
    expect(await listTree(modelsDir)).toEqual([`NousResearch/Hermes-3-Llama-3.2-3B-GGUF/${Q4}`]);
    const ranges = cdn.requests.map((r) => r.headers.range);
    expect(ranges.length).toBeGreaterThanOrEqual(9);
    expect(new Set(cdn.requests.map((r) => r.headers.connection)).size).toBeGreaterThan(0);
    const states = events.filter((e) => e.type === 'state').map((e) => e.job.state);
    expect(states).toEqual(['queued', 'downloading', 'verifying', 'completed']);
    expect(events.some((e) => e.type === 'progress' && e.job.receivedBytes < q4.length)).toBe(true);
    expect(done.stats.verifyMs).toBeGreaterThan(0);
  });

  it('downloads every part of a split model as one job and places them together', async () => {
    const d = downloader();
    const job = await d.enqueue({ repoId: SPLIT_REPO, file: partName(2) });
    expect(job.files.map((f) => f.path)).toEqual([partName(1), partName(2), partName(3)]);
    const done = await d.waitFor(job.id);
    const dir = join(modelsDir, 'NousResearch', 'Hermes-3-Llama-3.1-70B-GGUF');
    expect(done.libraryPath).toBe(join(dir, partName(1)));
    for (const [i, content] of parts.entries()) {
      expect(await sha256File(join(dir, partName(i + 1)))).toBe(sha256(content));
    }
    expect((await listTree(modelsDir)).filter((p) => p.startsWith('.downloads'))).toEqual([]);
  });

  it('picks a file by quantization and runs one job per model in the queue', async () => {
    const d = downloader({ maxConcurrentJobs: 1 });
    cdn.inject({ kind: 'throttle', bytesPerSecond: 4_000_000 });
    const first = await d.enqueue({ repoId: REPO, quant: 'q4_k_m' });
    const second = await d.enqueue({ repoId: REPO, quant: 'Q8_0' });
    expect(d.get(second.id).state).toBe('queued');
    expect((await d.enqueue({ repoId: REPO, quant: 'Q4_K_M' })).id).toBe(first.id);
    await Promise.all([d.waitFor(first.id), d.waitFor(second.id)]);
    await expect(d.enqueue({ repoId: REPO, quant: 'IQ1_S' })).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: expect.stringContaining('Available: Q8_0, Q4_K_M'),
    });
  });
});

describe('Downloader failures', () => {
  it('retries 5xx answers and dropped connections', async () => {
    cdn.inject({ kind: 'status', status: 503, route: 'cdn', times: 3 });
    cdn.inject({ kind: 'drop', afterBytes: 100_000, times: 2 });
    const d = downloader();
    const done = await d.waitFor((await d.enqueue({ repoId: REPO, file: Q4 })).id);
    expect(done.stats.retries).toBeGreaterThanOrEqual(5);
    expect(await sha256File(done.libraryPath ?? '')).toBe(sha256(q4));
  });

  it('resolves the file again when the signed CDN URL stops working (403)', async () => {
    cdn.inject({ kind: 'status', status: 403, route: 'cdn', times: 1 });
    const d = downloader({ connections: 1 });
    const done = await d.waitFor((await d.enqueue({ repoId: REPO, file: Q4 })).id);
    expect(hub.requests.filter((r) => r.route === 'resolve')).toHaveLength(2);
    expect(await sha256File(done.libraryPath ?? '')).toBe(sha256(q4));
  });

  it('detects a stalled connection and continues from where it stopped', async () => {
    const stall = cdn.inject({ kind: 'stall', afterBytes: 50_000, times: 1 });
    const d = downloader({ stallTimeoutMs: 300 });
    const started = Date.now();
    const done = await d.waitFor((await d.enqueue({ repoId: REPO, file: Q4 })).id);
    expect(stall.hits).toBe(1);
    expect(done.stats.retries).toBeGreaterThanOrEqual(1);
    expect(done.stats.downloadedBytes).toBe(q4.length);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects a corrupted file: verification error and nothing in the library', async () => {
    cdn.inject({ kind: 'corrupt', offset: 1_500_000, file: Q4 });
    const d = downloader();
    const job = await d.enqueue({ repoId: REPO, file: Q4 });
    await expect(d.waitFor(job.id)).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('is corrupt'),
      details: expect.objectContaining({ reason: 'checksum', expected: sha256(q4) }),
    });
    expect((await listTree(modelsDir)).filter((p) => !p.endsWith('job.json'))).toEqual([]);
  });

  it('explains a gated repo without a token', async () => {
    const d = downloader();
    const job = await d.enqueue({ repoId: GATED, file: 'gated.Q4_0.gguf' });
    await expect(d.waitFor(job.id)).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('gated repository'),
    });
  });

  it('sends the token to the Hub only, never to the CDN on another host', async () => {
    const d = downloader({ token: 'hf_secret' });
    const done = await d.waitFor((await d.enqueue({ repoId: GATED, file: 'gated.Q4_0.gguf' })).id);
    expect(done.state).toBe('completed');
    expect(hub.requests.length).toBeGreaterThan(0);
    expect(hub.requests.every((r) => r.headers.authorization === 'Bearer hf_secret')).toBe(true);
    expect(cdn.requests.length).toBeGreaterThan(0);
    expect(cdn.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it.each(['../evil.gguf', '/etc/passwd.gguf', 'a\\..\\b.gguf'])(
    'refuses the file name %j',
    async (file) => {
      const d = downloader();
      await expect(d.enqueue({ repoId: REPO, file })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      expect(await listTree(modelsDir)).toEqual([]);
    },
  );

  it('checks free disk space before starting', async () => {
    const d = downloader({ statfs: async () => ({ bavail: 100, bsize: 4096 }) });
    const job = await d.enqueue({ repoId: REPO, file: Q4 });
    await expect(d.waitFor(job.id)).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: 'Not enough disk space: need 2.1 MB, 410 KB free.',
    });
    expect(cdn.requests).toHaveLength(0);
  });
});

describe.each([
  ['on the calling thread', true],
  ['on the thread pool', false],
])('Downloader disk full, writing %s', (_how, sync) => {
  it('stops with a clear error on ENOSPC, keeps the part and resumes after a restart', async () => {
    let budget = 900_000;
    const spend = (buffers: Buffer[]) => {
      const size = buffers.reduce((n, b) => n + b.length, 0);
      if (size > budget)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      budget -= size;
    };
    const openFile: OpenPartFile = async (path) => {
      const fh = await defaultOpenPartFile(path);
      return {
        writev: async (buffers, position) => {
          spend(buffers);
          return fh.writev(buffers, position);
        },
        writevSync: sync
          ? (buffers, position) => {
              spend(buffers);
              return fh.writevSync!(buffers, position);
            }
          : undefined,
        read: (buffer, offset, length, position) => fh.read(buffer, offset, length, position),
        datasync: () => fh.datasync(),
        truncate: (length) => fh.truncate(length),
        close: () => fh.close(),
      };
    };
    const full = downloader({ openFile, connections: 1 });
    const job = await full.enqueue({ repoId: REPO, file: Q4 });
    await expect(full.waitFor(job.id)).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('The disk is full (ENOSPC)'),
      details: expect.objectContaining({ reason: 'disk-full' }),
    });
    await full.dispose();
    expect((await listTree(modelsDir)).filter((p) => p.endsWith('.part'))).toHaveLength(1);

    const fresh = downloader();
    const [restored] = await fresh.restore();
    expect(restored).toMatchObject({ state: 'error', error: { code: 'DOWNLOAD_FAILED' } });
    await fresh.resume(job.id);
    const done = await fresh.waitFor(job.id);
    expect(done.stats.resumedBytes).toBeGreaterThan(500_000);
    expect(done.stats.resumedBytes + done.stats.downloadedBytes).toBe(q4.length);
    expect(await sha256File(done.libraryPath ?? '')).toBe(sha256(q4));
  });
});

describe('Downloader control', () => {
  it('pauses, resumes and finishes with the right bytes', async () => {
    cdn.inject({ kind: 'throttle', bytesPerSecond: 3_000_000 });
    const d = downloader();
    const job = await d.enqueue({ repoId: REPO, file: Q4 });
    await waitUntil(() => d.get(job.id).receivedBytes > 500_000);
    const paused = await d.pause(job.id);
    expect(paused.state).toBe('paused');
    const atPause = paused.receivedBytes;
    await new Promise((r) => setTimeout(r, 100));
    expect(d.get(job.id).receivedBytes).toBe(atPause);
    cdn.clearFaults();
    await d.resume(job.id);
    const done = await d.waitFor(job.id);
    expect(await sha256File(done.libraryPath ?? '')).toBe(sha256(q4));
    // Nothing came from an earlier session, and nothing was fetched twice.
    expect(done.stats).toMatchObject({ resumedBytes: 0, downloadedBytes: q4.length });
  });

  it('keeps a paused download paused across a restart until resumed', async () => {
    cdn.inject({ kind: 'throttle', bytesPerSecond: 3_000_000 });
    const first = downloader();
    const job = await first.enqueue({ repoId: REPO, file: Q4 });
    await waitUntil(() => first.get(job.id).receivedBytes > 300_000);
    await first.pause(job.id);
    await first.dispose();
    cdn.clearFaults();
    const second = downloader();
    const [restored] = await second.restore();
    expect(restored).toMatchObject({ id: job.id, state: 'paused' });
    await new Promise((r) => setTimeout(r, 100));
    expect(second.get(job.id).state).toBe('paused');
    await second.resume(job.id);
    const done = await second.waitFor(job.id);
    expect(done.stats.resumedBytes).toBeGreaterThan(200_000);
    expect(await sha256File(done.libraryPath ?? '')).toBe(sha256(q4));
  });

  it('cancels: the partial download is deleted and waiters are told', async () => {
    cdn.inject({ kind: 'throttle', bytesPerSecond: 2_000_000 });
    const d = downloader();
    const job = await d.enqueue({ repoId: REPO, file: Q4 });
    const waiting = d.waitFor(job.id);
    await waitUntil(() => d.get(job.id).receivedBytes > 200_000);
    await d.cancel(job.id);
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    expect(d.get(job.id).state).toBe('cancelled');
    expect(await listTree(modelsDir)).toEqual([]);
  });

  it('reports progress on a slow link before a megabyte has arrived, and a late pause is a no-op', async () => {
    cdn.inject({ kind: 'throttle', bytesPerSecond: 400_000 });
    const d = downloader({ flushBytes: 1024 * 1024, chunkSize: 16 * 1024 * 1024 });
    const seen: number[] = [];
    d.onEvent((e) => {
      if (e.type === 'progress') seen.push(e.job.receivedBytes);
    });
    const job = await d.enqueue({ repoId: REPO, file: Q4 });
    await waitUntil(() => seen.some((bytes) => bytes > 0 && bytes < 500_000));
    await d.cancel(job.id);
    cdn.clearFaults();
    const again = await d.enqueue({ repoId: REPO, file: Q4 });
    const done = await d.waitFor(again.id);
    expect(await d.pause(job.id)).toMatchObject({ state: 'completed' });
    expect(await listTree(modelsDir)).toEqual([`NousResearch/Hermes-3-Llama-3.2-3B-GGUF/${Q4}`]);
    expect(done.libraryPath).not.toBeNull();
  });
});

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

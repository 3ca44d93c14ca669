import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubTestServer } from '../../../scripts/hub/HubTestServer';
import { Downloader } from './Downloader';
import { HubClient } from './HubClient';
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

const REPO = 'NousResearch/Hermes-3-Llama-3.1-8B-GGUF';
const FILE = 'Hermes-3-Llama-3.1-8B.Q4_K_M.gguf';
const content = seededBytes(3 * 1024 * 1024 + 17, 11);
const here = dirname(fileURLToPath(import.meta.url));

let hub: HubTestServer;
let cdn: HubTestServer;
let stopServers: () => Promise<void>;

beforeAll(async () => {
  ({ hub, cdn, stop: stopServers } = await startHubPair());
  hub.addRepo({ id: REPO, files: [{ path: FILE, content }] });
});

afterAll(async () => {
  await stopServers();
});

/** Runs a download in a child process and SIGKILLs it once `killAt` bytes are reported. */
function downloadAndKill(modelsDir: string, killAt: number): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(here, 'testDownloadChild.ts'),
      JSON.stringify({
        endpoint: hub.url,
        modelsDir,
        repoId: REPO,
        file: FILE,
        tuning: FAST_TUNING,
      }),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let last = 0;
    let buffer = '';
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const event = JSON.parse(line) as { type: string; receivedBytes?: number };
        if (event.type === 'done') reject(new Error('The child finished before it was killed'));
        last = Math.max(last, event.receivedBytes ?? 0);
        if (last >= killAt) child.kill('SIGKILL');
      }
    });
    child.once('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`The child exited on its own (${signal ?? _code})`));
    });
  });
}

describe('Downloader resume after a kill', () => {
  it('continues a SIGKILLed download in a new process: the hash matches, little is fetched twice', async () => {
    const modelsDir = await tempDir('resume');
    const throttle = cdn.inject({ kind: 'throttle', bytesPerSecond: 1_500_000 });
    const reported = await downloadAndKill(modelsDir, content.length * 0.5);
    throttle.remove();
    expect((await listTree(modelsDir)).some((p) => p.endsWith('.part'))).toBe(true);

    const downloader = new Downloader({
      ...FAST_TUNING,
      modelsDir,
      hub: new HubClient({ endpoint: hub.url }),
    });
    const [restored] = await downloader.restore();
    expect(restored?.repoId).toBe(REPO);
    const done = await downloader.waitFor(restored?.id ?? '');
    await downloader.dispose();

    expect(await sha256File(done.libraryPath ?? '')).toBe(sha256(content));
    const { resumedBytes, downloadedBytes } = done.stats;
    // Progress is recorded every 50 ms (after a flush to disk), so most of what arrived is kept.
    expect(resumedBytes).toBeGreaterThan(content.length * 0.2);
    expect(resumedBytes + downloadedBytes).toBe(content.length);
    // Bytes the killed process had fetched but not yet recorded are fetched again; report them.
    const refetched = Math.max(0, reported - resumedBytes);
    console.info(
      `resume: kept ${resumedBytes} B, re-fetched >= ${refetched} B of ${content.length} B`,
    );
    await removeDir(modelsDir);
  });

  it('starts over when the Hub copy changed between sessions (new ETag)', async () => {
    const modelsDir = await tempDir('etag');
    const repo = 'NousResearch/Changing-GGUF';
    const v1 = seededBytes(1_500_000, 21);
    const v2 = seededBytes(1_400_000, 22);
    hub.addRepo({ id: repo, files: [{ path: 'm.Q4_0.gguf', content: v1 }] });
    const throttle = cdn.inject({ kind: 'throttle', bytesPerSecond: 2_000_000 });
    const first = new Downloader({
      ...FAST_TUNING,
      modelsDir,
      hub: new HubClient({ endpoint: hub.url }),
    });
    const job = await first.enqueue({ repoId: repo, file: 'm.Q4_0.gguf' });
    while (first.get(job.id).receivedBytes < 400_000) await new Promise((r) => setTimeout(r, 10));
    await first.dispose();
    throttle.remove();

    hub.setFile(repo, { path: 'm.Q4_0.gguf', content: v2 });
    const second = new Downloader({
      ...FAST_TUNING,
      modelsDir,
      hub: new HubClient({ endpoint: hub.url }),
    });
    await second.restore();
    const done = await second.waitFor(job.id);
    await second.dispose();
    expect(done.stats).toMatchObject({ resumedBytes: 0, downloadedBytes: v2.length });
    expect(done.files[0]).toMatchObject({ sizeBytes: v2.length, sha256: sha256(v2) });
    expect(await sha256File(done.libraryPath ?? '')).toBe(sha256(v2));
    await removeDir(modelsDir);
  });
});

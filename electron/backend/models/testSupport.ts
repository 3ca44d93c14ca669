import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { HubTestServer } from '../../../scripts/hub/HubTestServer';
import type { DownloaderOptions } from './Downloader';

/** Deterministic pseudo-random bytes (xorshift), so hashes differ between seeds. */
export function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  return sha256(await readFile(path));
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `talaria-${prefix}-`));
}

/** Every file under `dir`, as relative POSIX paths. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/** A Hub and a CDN on two ports (so the redirect is cross-origin, as with huggingface.co). */
export async function startHubPair(): Promise<{
  hub: HubTestServer;
  cdn: HubTestServer;
  stop: () => Promise<void>;
}> {
  const cdn = new HubTestServer();
  await cdn.start();
  const hub = new HubTestServer({ cdn });
  await hub.start();
  return { hub, cdn, stop: () => Promise.all([hub.stop(), cdn.stop()]).then(() => undefined) };
}

/** Small chunks, short timeouts and backoff, so the failure paths run in milliseconds. */
export const FAST_TUNING: Partial<DownloaderOptions> = {
  connections: 4,
  chunkSize: 256 * 1024,
  stallTimeoutMs: 400,
  maxRetries: 6,
  backoff: { baseMs: 10, maxMs: 40 },
  flushBytes: 64 * 1024,
  persistIntervalMs: 50,
  progressIntervalMs: 20,
};

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

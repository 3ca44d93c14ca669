import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultOpenPartFile, PartFile, type OpenPartFile } from './PartFile';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talaria-part-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The real file, with a record of which path each write took and a chosen delay per sync write. */
function recordingIo(syncDelayMs: () => number) {
  const calls: ('sync' | 'async')[] = [];
  const openFile: OpenPartFile = async (path) => {
    const io = await defaultOpenPartFile(path);
    return {
      ...io,
      writev: (buffers, position) => {
        calls.push('async');
        return io.writev(buffers, position);
      },
      writevSync: (buffers, position) => {
        calls.push('sync');
        const until = performance.now() + syncDelayMs();
        while (performance.now() < until) {
          // A page cache that is pushing back.
        }
        return io.writevSync!(buffers, position);
      },
    };
  };
  return { calls, openFile };
}

describe('PartFile writes', () => {
  it('writes on the calling thread while the disk keeps up, and the bytes land where asked', async () => {
    const { calls, openFile } = recordingIo(() => 0);
    const path = join(dir, 'a.part');
    const part = await PartFile.open(path, { size: 8, etag: 'x', chunkSize: 4, io: openFile });
    const [first, second] = part.chunks;
    await part.append(second!, [Buffer.from('ef'), Buffer.from('gh')]);
    await part.append(first!, [Buffer.from('abcd')]);
    await part.close();
    expect(calls).toEqual(['sync', 'sync']);
    expect(await readFile(path, 'utf8')).toBe('abcdefgh');
  });

  it('moves to the thread pool for good once a write blocks the loop for long', async () => {
    let delay = 0;
    const { calls, openFile } = recordingIo(() => delay);
    const path = join(dir, 'b.part');
    const part = await PartFile.open(path, { size: 4, etag: 'x', chunkSize: 1, io: openFile });
    const [a, b, c, d] = part.chunks;
    await part.append(a!, [Buffer.from('w')]);
    delay = 60;
    await part.append(b!, [Buffer.from('x')]);
    delay = 0;
    await part.append(c!, [Buffer.from('y')]);
    await part.append(d!, [Buffer.from('z')]);
    await part.close();
    expect(calls).toEqual(['sync', 'sync', 'async', 'async']);
    expect(await readFile(path, 'utf8')).toBe('wxyz');
  });

  it('also moves when writes are steadily slow, not only after one long stall', async () => {
    const { calls, openFile } = recordingIo(() => 8);
    const path = join(dir, 'c.part');
    const size = 40;
    const part = await PartFile.open(path, { size, etag: 'x', chunkSize: 1, io: openFile });
    for (const chunk of part.chunks) await part.append(chunk, [Buffer.from('q')]);
    await part.close();
    const firstAsync = calls.indexOf('async');
    expect(firstAsync).toBeGreaterThan(0);
    expect(calls.slice(firstAsync).every((call) => call === 'async')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('q'.repeat(size));
  });
});

describe('PartFile resume claims', () => {
  async function writtenButNotFlushed(path: string) {
    const part = await PartFile.open(path, { size: 8, etag: 'x', chunkSize: 4 });
    const [first, second] = part.chunks;
    await part.append(first!, [Buffer.from('abcd')]);
    await part.persist();
    await part.append(second!, [Buffer.from('ef')]);
    await part.persist({ durable: false });
    await part.close();
  }

  it('takes every completed write back in the same boot (the app was killed, the OS kept running)', async () => {
    const path = join(dir, 'same.part');
    await writtenButNotFlushed(path);
    const again = await PartFile.open(path, { size: 8, etag: 'x', chunkSize: 4 });
    expect(again.resumedBytes).toBe(6);
    expect(again.contiguousEnd()).toBe(6);
    await again.close();
  });

  it('takes back only flushed bytes after a reboot', async () => {
    const path = join(dir, 'rebooted.part');
    await writtenButNotFlushed(path);
    const sidecar = JSON.parse(await readFile(`${path}.json`, 'utf8')) as Record<string, unknown>;
    expect(sidecar).toMatchObject({ version: 2, synced: [4, 0], written: [4, 2] });
    await writeFile(`${path}.json`, JSON.stringify({ ...sidecar, boot: 'id:an-earlier-boot' }));
    const again = await PartFile.open(path, { size: 8, etag: 'x', chunkSize: 4 });
    expect(again.resumedBytes).toBe(4);
    expect(again.chunks.map((c) => c.written)).toEqual([4, 0]);
    await again.close();
  });

  it('reads a sidecar from before the page-cache claim as flushed bytes', async () => {
    const path = join(dir, 'v1.part');
    await writeFile(path, 'abcdef');
    await writeFile(
      `${path}.json`,
      JSON.stringify({ version: 1, size: 8, etag: 'x', chunkSize: 4, written: [4, 2] }),
    );
    const part = await PartFile.open(path, { size: 8, etag: 'x', chunkSize: 4 });
    expect(part.resumedBytes).toBe(6);
    await part.close();
  });

  it('starts over when the file is shorter than the sidecar claims', async () => {
    const path = join(dir, 'short.part');
    await writtenButNotFlushed(path);
    await writeFile(path, 'abc');
    const again = await PartFile.open(path, { size: 8, etag: 'x', chunkSize: 4 });
    expect(again.resumedBytes).toBe(0);
    expect(again.resetReason).toBe('missing-data');
    await again.close();
  });
});

import { writevSync } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';

/** The file operations a download needs; injectable so tests can make writes fail (ENOSPC). */
export interface PartFileIo {
  writev(buffers: Buffer[], position: number): Promise<{ bytesWritten: number }>;
  /** The same write on the calling thread; returns the bytes written. */
  writevSync?(buffers: Buffer[], position: number): number;
  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesRead: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export type OpenPartFile = (path: string) => Promise<PartFileIo>;

export const defaultOpenPartFile: OpenPartFile = async (path) => {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fh = await open(path, 'w+');
  }
  return {
    writev: (buffers, position) => fh.writev(buffers, position),
    writevSync: (buffers, position) => writevSync(fh.fd, buffers, position),
    read: (buffer, offset, length, position) => fh.read(buffer, offset, length, position),
    datasync: () => fh.datasync(),
    truncate: (length) => fh.truncate(length),
    close: () => fh.close(),
  };
};

/**
 * A write to the page cache that takes longer than this means the disk is pushing back (dirty
 * pages being throttled, a slow or network drive): from then on this file is written on libuv's
 * thread pool, so a slow disk never holds up the process's event loop.
 */
const SLOW_SYNC_WRITE_MS = 4;

export interface Chunk {
  index: number;
  start: number;
  /** Exclusive. */
  end: number;
  /** Bytes written from `start` (always a contiguous run). */
  written: number;
}

interface PartState {
  version: 1;
  size: number;
  etag: string | null;
  chunkSize: number;
  written: number[];
}

export interface PartFileOptions {
  size: number;
  etag: string | null;
  chunkSize: number;
  io?: OpenPartFile;
}

/**
 * A `.part` file plus its JSON sidecar (`.part.json`) recording which byte runs are on disk. The
 * sidecar only claims bytes whose writes completed and were flushed (`datasync`) first, so after
 * a kill, or a crash of the host, the claimed bytes are really there.
 */
export class PartFile {
  readonly chunks: Chunk[];
  /** Bytes taken over from an earlier session. */
  readonly resumedBytes: number;
  /** Why earlier bytes were thrown away, if they were. */
  readonly resetReason: 'etag-changed' | 'layout-changed' | 'missing-data' | null;
  private persisting: Promise<void> = Promise.resolve();
  /** Whether writes still go straight to the page cache (see `write`). */
  private syncWrites = true;
  /** Moving average of the calling-thread writes' time. */
  private syncWriteMs = 0;

  private constructor(
    readonly path: string,
    readonly size: number,
    private readonly io: PartFileIo,
    private readonly state: Omit<PartState, 'written'>,
    written: number[] | null,
    resetReason: PartFile['resetReason'],
  ) {
    this.chunks = layout(size, state.chunkSize).map((c, index) => ({
      ...c,
      index,
      written: written?.[index] ?? 0,
    }));
    this.resumedBytes = this.doneBytes();
    this.resetReason = resetReason;
  }

  static async open(path: string, options: PartFileOptions): Promise<PartFile> {
    const state = {
      version: 1 as const,
      size: options.size,
      etag: options.etag,
      chunkSize: options.chunkSize,
    };
    const saved = await readState(`${path}.json`);
    const io = await (options.io ?? defaultOpenPartFile)(path);
    let written: number[] | null = null;
    let reason: PartFile['resetReason'] = null;
    if (saved) {
      if (saved.etag !== state.etag || saved.size !== state.size) reason = 'etag-changed';
      else if (saved.chunkSize !== state.chunkSize) reason = 'layout-changed';
      else if (!fitsLayout(saved)) reason = 'layout-changed';
      else if ((await fileLength(path)) < claimedEnd(saved)) reason = 'missing-data';
      else written = saved.written;
    }
    if (written === null) await io.truncate(0);
    return new PartFile(path, options.size, io, state, written, reason);
  }

  doneBytes(): number {
    return this.chunks.reduce((sum, c) => sum + c.written, 0);
  }

  isComplete(): boolean {
    return this.chunks.every((c) => c.written === c.end - c.start);
  }

  /** Offset up to which every byte from 0 is on disk. */
  contiguousEnd(): number {
    for (const chunk of this.chunks) {
      if (chunk.written < chunk.end - chunk.start) return chunk.start + chunk.written;
    }
    return this.size;
  }

  /** Writes buffers at the chunk's current end and counts them once the write completed. */
  async append(chunk: Chunk, buffers: Buffer[]): Promise<number> {
    const length = buffers.reduce((sum, b) => sum + b.length, 0);
    let position = chunk.start + chunk.written;
    let pending = buffers;
    let left = length;
    while (left > 0) {
      const bytesWritten = await this.write(pending, position);
      position += bytesWritten;
      left -= bytesWritten;
      if (left > 0) pending = [Buffer.concat(pending).subarray(bytesWritten)];
    }
    chunk.written += length;
    return length;
  }

  /**
   * Writes on the calling thread while the page cache takes writes at memory speed: measured on
   * the download bench, handing each 1 MiB write to the thread pool doubled the process's CPU per
   * byte (the loop then drains the socket in small reads, each one a wake-up and an ACK). A write
   * slower than `SLOW_SYNC_WRITE_MS` switches this file to the thread pool for good.
   */
  private async write(buffers: Buffer[], position: number): Promise<number> {
    const { writevSync } = this.io;
    if (this.syncWrites && writevSync) {
      const started = performance.now();
      const written = writevSync(buffers, position);
      const ms = performance.now() - started;
      this.syncWriteMs = this.syncWriteMs * 0.9 + ms * 0.1;
      if (ms > SLOW_SYNC_WRITE_MS * 10 || this.syncWriteMs > SLOW_SYNC_WRITE_MS) {
        this.syncWrites = false;
      }
      return written;
    }
    return (await this.io.writev(buffers, position)).bytesWritten;
  }

  read(buffer: Buffer, length: number, position: number): Promise<{ bytesRead: number }> {
    return this.io.read(buffer, 0, length, position);
  }

  /** Flushes the data, then records it in the sidecar (atomically, one persist at a time). */
  persist(): Promise<void> {
    const run = this.persisting.then(async () => {
      const written = this.chunks.map((c) => c.written);
      await this.io.datasync();
      const tmp = `${this.path}.json.tmp`;
      await writeFile(tmp, JSON.stringify({ ...this.state, written } satisfies PartState));
      await rename(tmp, `${this.path}.json`);
    });
    this.persisting = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.persisting;
    await this.io.close();
  }

  /** Closes and deletes the part and its sidecar. */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await removePart(this.path);
  }
}

export async function removePart(path: string): Promise<void> {
  await rm(`${path}.json`, { force: true });
  await rm(`${path}.json.tmp`, { force: true });
  await rm(path, { force: true });
}

/** Bytes an existing sidecar says are on disk, without opening the part (for disk checks). */
export async function savedBytes(path: string): Promise<number> {
  const saved = await readState(`${path}.json`);
  return saved ? saved.written.reduce((a, b) => a + b, 0) : 0;
}

async function readState(path: string): Promise<PartState | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<PartState>;
    if (
      parsed.version !== 1 ||
      typeof parsed.size !== 'number' ||
      typeof parsed.chunkSize !== 'number' ||
      parsed.chunkSize <= 0 ||
      !Array.isArray(parsed.written) ||
      !parsed.written.every((n) => Number.isSafeInteger(n) && n >= 0)
    ) {
      return null;
    }
    return {
      version: 1,
      size: parsed.size,
      etag: parsed.etag ?? null,
      chunkSize: parsed.chunkSize,
      written: parsed.written,
    };
  } catch {
    return null;
  }
}

function layout(size: number, chunkSize: number): { start: number; end: number }[] {
  const count = Math.max(1, Math.ceil(size / chunkSize));
  return Array.from({ length: count }, (_, i) => ({
    start: i * chunkSize,
    end: Math.min(size, (i + 1) * chunkSize),
  }));
}

function fitsLayout(state: PartState): boolean {
  const chunks = layout(state.size, state.chunkSize);
  return (
    chunks.length === state.written.length &&
    chunks.every((c, i) => (state.written[i] ?? 0) <= c.end - c.start)
  );
}

function claimedEnd(state: PartState): number {
  let end = 0;
  state.written.forEach((n, i) => {
    if (n > 0) end = Math.max(end, i * state.chunkSize + n);
  });
  return end;
}

async function fileLength(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

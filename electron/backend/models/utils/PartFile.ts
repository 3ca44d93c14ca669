import { readFileSync, writevSync } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { uptime } from 'node:os';

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
  version: 2;
  size: number;
  etag: string | null;
  chunkSize: number;
  /** Bytes per chunk that were flushed to the disk (`datasync`) before this was written. */
  synced: number[];
  /** Bytes per chunk whose writes had completed: in the page cache, maybe not yet on disk. */
  written: number[];
  /** The OS boot `written` belongs to: only the same boot still has those pages. */
  boot: string | null;
}

/**
 * Which boot of the OS this is. A killed process leaves its completed writes in the page cache,
 * so after a kill every written byte is there; after a reboot (or a host crash) only the synced
 * ones are. Linux names each boot; elsewhere the boot time stands for it.
 */
let bootOfThisProcess: string | null | undefined;

function currentBoot(): string | null {
  if (bootOfThisProcess === undefined) bootOfThisProcess = readBoot();
  return bootOfThisProcess;
}

function readBoot(): string | null {
  try {
    return `id:${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}`;
  } catch {
    const bootedAt = Date.now() / 1000 - uptime();
    return Number.isFinite(bootedAt) ? `at:${Math.round(bootedAt)}` : null;
  }
}

/** Boot times taken from the clock drift a little (clock adjustments); a reboot moves them far. */
const BOOT_TIME_SLACK_S = 120;

function sameBoot(saved: string | null, now: string | null): boolean {
  if (saved === null || now === null) return false;
  if (saved.startsWith('at:') && now.startsWith('at:')) {
    return Math.abs(Number(saved.slice(3)) - Number(now.slice(3))) <= BOOT_TIME_SLACK_S;
  }
  return saved === now;
}

export interface PartFileOptions {
  size: number;
  etag: string | null;
  chunkSize: number;
  io?: OpenPartFile;
}

/**
 * A `.part` file plus its JSON sidecar (`.part.json`) recording which byte runs are on disk.
 *
 * The sidecar keeps two claims: bytes flushed with `datasync` (true after anything, a power cut
 * included) and bytes whose writes completed (true until the OS restarts). Reopened in the same
 * boot, say after the app was killed, the part resumes from every completed write; after a
 * reboot, only from what was flushed. Recording completed writes costs a small JSON write, so it
 * can happen often; flushing costs real disk I/O, so it happens seldom.
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
  private readonly boot = currentBoot();

  private constructor(
    readonly path: string,
    readonly size: number,
    private readonly io: PartFileIo,
    private readonly state: Pick<PartState, 'size' | 'etag' | 'chunkSize'>,
    written: number[] | null,
    /** What the disk holds for certain (flushed), per chunk. */
    private synced: number[],
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
    const state = { size: options.size, etag: options.etag, chunkSize: options.chunkSize };
    const saved = await readState(`${path}.json`);
    const io = await (options.io ?? defaultOpenPartFile)(path);
    let written: number[] | null = null;
    let synced: number[] | null = null;
    let reason: PartFile['resetReason'] = null;
    if (saved) {
      const claimed = sameBoot(saved.boot, currentBoot()) ? saved.written : saved.synced;
      if (saved.etag !== state.etag || saved.size !== state.size) reason = 'etag-changed';
      else if (saved.chunkSize !== state.chunkSize) reason = 'layout-changed';
      else if (!fitsLayout(saved, claimed) || !fitsLayout(saved, saved.synced)) {
        reason = 'layout-changed';
      } else if ((await fileLength(path)) < claimedEnd(saved.chunkSize, claimed)) {
        reason = 'missing-data';
      } else {
        written = claimed;
        synced = saved.synced.map((n, i) => Math.min(n, claimed[i] ?? 0));
      }
    }
    if (written === null) await io.truncate(0);
    const chunkCount = layout(options.size, options.chunkSize).length;
    return new PartFile(
      path,
      options.size,
      io,
      state,
      written,
      synced ?? new Array<number>(chunkCount).fill(0),
      reason,
    );
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

  /**
   * Records the completed writes in the sidecar (atomically, one persist at a time). `durable`
   * first flushes them to the disk, so they also survive a power cut or a reboot.
   */
  persist({ durable = true }: { durable?: boolean } = {}): Promise<void> {
    const run = this.persisting.then(async () => {
      const written = this.chunks.map((c) => c.written);
      if (durable) {
        await this.io.datasync();
        this.synced = written;
      }
      const saved: PartState = {
        version: 2,
        ...this.state,
        synced: this.synced,
        written,
        boot: this.boot,
      };
      const tmp = `${this.path}.json.tmp`;
      await writeFile(tmp, JSON.stringify(saved));
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
  if (!saved) return 0;
  const claimed = sameBoot(saved.boot, currentBoot()) ? saved.written : saved.synced;
  return claimed.reduce((a, b) => a + b, 0);
}

const isByteCounts = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((n) => Number.isSafeInteger(n) && n >= 0);

/** Reads a sidecar; version 1 (before the page-cache claim) had only flushed bytes. */
async function readState(path: string): Promise<PartState | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<
      Omit<PartState, 'version'>
    > & { version?: number };
    if (
      (parsed.version !== 1 && parsed.version !== 2) ||
      typeof parsed.size !== 'number' ||
      typeof parsed.chunkSize !== 'number' ||
      parsed.chunkSize <= 0 ||
      !isByteCounts(parsed.written)
    ) {
      return null;
    }
    // Version 1 had no page-cache claim: what it recorded had been flushed.
    const synced = parsed.version === 1 ? parsed.written : parsed.synced;
    if (!isByteCounts(synced)) return null;
    return {
      version: 2,
      size: parsed.size,
      etag: parsed.etag ?? null,
      chunkSize: parsed.chunkSize,
      synced,
      written: parsed.written,
      boot: parsed.version === 2 && typeof parsed.boot === 'string' ? parsed.boot : null,
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

function fitsLayout(state: PartState, written: number[]): boolean {
  const chunks = layout(state.size, state.chunkSize);
  return (
    chunks.length === written.length && chunks.every((c, i) => (written[i] ?? 0) <= c.end - c.start)
  );
}

function claimedEnd(chunkSize: number, written: number[]): number {
  let end = 0;
  written.forEach((n, i) => {
    if (n > 0) end = Math.max(end, i * chunkSize + n);
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

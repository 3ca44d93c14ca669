import { Worker } from 'node:worker_threads';

/** How a file is checked: the LFS sha256, or git's blob sha1 for files stored in git itself. */
export type HashKind = 'sha256' | 'git-sha1';

// Plain CommonJS evaluated in the worker, so it needs no build step in tests, tsx or Electron.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const { path, kind, size } = workerData;
const hash = crypto.createHash(kind === 'sha256' ? 'sha256' : 'sha1');
if (kind === 'git-sha1') hash.update('blob ' + size + '\\0');
const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
let fd = null;
let hashed = 0;
function hashUpTo(end) {
  if (fd === null) fd = fs.openSync(path, 'r');
  while (hashed < end) {
    const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, end - hashed), hashed);
    if (n <= 0) throw new Error('Short read at ' + hashed + ' while verifying');
    hash.update(buffer.subarray(0, n));
    hashed += n;
  }
}
parentPort.on('message', (message) => {
  try {
    if (message.type === 'advance') {
      hashUpTo(Math.min(message.end, size));
    } else {
      hashUpTo(size);
      if (fd !== null) fs.closeSync(fd);
      parentPort.postMessage({ type: 'digest', digest: hash.digest('hex') });
    }
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String((error && error.message) || error) });
  }
});
`;

type WorkerMessage = { type: 'digest'; digest: string } | { type: 'error'; message: string };

/**
 * Hashes a file that is being written out of order, on a worker thread, by reading back in order
 * the prefix that is complete. With chunks handed out in file order the prefix follows the
 * download closely, so little is left to hash after the last byte (SHA-256 cannot be split and
 * merged), and the download's own thread never spends time hashing.
 */
export class HashWorker {
  private readonly worker: Worker;
  private sent = 0;
  private failure: Error | null = null;
  private pending: ((message: WorkerMessage) => void) | null = null;

  constructor(
    path: string,
    kind: HashKind,
    private readonly size: number,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, kind, size } });
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'error') this.failure = new Error(message.message);
      this.pending?.(message);
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      this.pending?.({ type: 'error', message: error.message });
    });
    // A worker that dies without answering must not leave finish() waiting forever.
    this.worker.on('exit', () =>
      this.pending?.({ type: 'error', message: 'The hash worker stopped' }),
    );
  }

  /** Lets the worker hash up to `end` (every byte below `end` must already be written). */
  advance(end: number): void {
    const target = Math.min(end, this.size);
    if (target <= this.sent || this.failure) return;
    this.sent = target;
    this.worker.postMessage({ type: 'advance', end: target });
  }

  /** Hashes the rest and returns the hex digest. */
  async finish(): Promise<{ digest: string }> {
    if (this.failure) throw this.failure;
    const message = await new Promise<WorkerMessage>((resolve) => {
      this.pending = resolve;
      this.worker.postMessage({ type: 'finish' });
    });
    await this.dispose();
    if (message.type === 'digest') return message;
    throw this.failure ?? new Error(message.type === 'error' ? message.message : 'Hashing failed');
  }

  async dispose(): Promise<void> {
    await this.worker.terminate();
  }
}

import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { TalariaError } from '../../../../shared/contract/errors';
import { diskFullError, isDiskFull } from './diskSpace';
import {
  abortReason,
  headerValue,
  networkErrorOf,
  NetworkError,
  requestOf,
  type HttpPool,
} from './httpRequest';
import type { Chunk, PartFile } from './PartFile';

/**
 * A failed transfer attempt. `expired` means the signed URL no longer serves the file (resolve it
 * again); the others retry the same URL.
 */
export class TransferError extends Error {
  constructor(
    readonly kind: 'stall' | 'network' | 'http' | 'expired' | 'range',
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'TransferError';
  }
}

export interface FetchChunkOptions {
  url: string;
  headers: Record<string, string>;
  part: PartFile;
  chunk: Chunk;
  signal: AbortSignal;
  pool: HttpPool;
  /** No byte for this long aborts the connection (it is retried from where it stopped). */
  stallTimeoutMs: number;
  /** Bytes gathered before one write to disk. */
  flushBytes: number;
  onBytes: (bytes: number) => void;
}

/** Longest time received bytes wait in memory before they are written and counted. */
const FLUSH_INTERVAL_MS = 200;

/**
 * Downloads the rest of one chunk with a ranged GET, appending to the part file as it goes.
 *
 * It uses undici's dispatch handler rather than a body stream: each socket read arrives as a view
 * of the read's buffer (no copy) and is gathered until `flushBytes`. The connection keeps
 * receiving while one write is on its way to disk and pauses when a second batch is full, so
 * memory stays bounded by two batches per connection.
 */
export function fetchChunk(options: FetchChunkOptions): Promise<void> {
  const { chunk } = options;
  const start = chunk.start + chunk.written;
  if (start >= chunk.end) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    new ChunkTransfer(options, start, resolve, reject).begin();
  });
}

type Controller = Dispatcher.DispatchController;

class ChunkTransfer implements Dispatcher.DispatchHandler {
  private readonly url: URL;
  private readonly expected: number;
  private controller: Controller | null = null;
  private stall: NodeJS.Timeout | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private received = 0;
  private flushedAt = performance.now();
  private writing: Promise<void> | null = null;
  private ended = false;
  private settled = false;
  private failure: Error | null = null;

  constructor(
    private readonly options: FetchChunkOptions,
    private readonly from: number,
    private readonly resolve: () => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.url = new URL(options.url);
    this.expected = options.chunk.end - from;
  }

  begin(): void {
    const { signal } = this.options;
    if (signal.aborted) {
      this.reject(abortReason(signal));
      return;
    }
    if (this.url.protocol !== 'https:' && this.url.protocol !== 'http:') {
      this.reject(new TransferError('network', `Unsupported protocol ${this.url.protocol}`, false));
      return;
    }
    signal.addEventListener('abort', this.onAbort, { once: true });
    this.armStall();
    this.options.pool.dispatch(
      {
        ...requestOf(this.url, 'GET', {
          ...this.options.headers,
          Range: `bytes=${this.from}-${this.options.chunk.end - 1}`,
        }),
        // Our own stall timer covers the headers and every gap between body bytes.
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      this,
    );
  }

  private readonly onAbort = (): void => {
    this.fail(abortReason(this.options.signal));
  };

  private armStall(): void {
    if (this.stall) {
      this.stall.refresh();
      return;
    }
    this.stall = setTimeout(() => {
      this.fail(new TransferError('stall', `No data for ${this.options.stallTimeoutMs} ms`, true));
    }, this.options.stallTimeoutMs);
  }

  onRequestStart(controller: Controller): void {
    this.controller = controller;
    if (this.failure) controller.abort(this.failure);
  }

  onResponseStart(controller: Controller, statusCode: number, headers: IncomingHttpHeaders): void {
    this.controller = controller;
    const problem = checkStatus(
      statusCode,
      headers,
      this.from,
      this.options.chunk.end,
      this.options.part.size,
    );
    if (problem) this.fail(problem);
    else this.armStall();
  }

  onResponseData(controller: Controller, data: Buffer): void {
    if (this.failure) return;
    // Bytes past the range asked for are ignored.
    const buf =
      this.received + data.length > this.expected
        ? data.subarray(0, this.expected - this.received)
        : data;
    this.received += buf.length;
    if (buf.length > 0) {
      this.pending.push(buf);
      this.pendingBytes += buf.length;
    }
    this.armStall();
    // On a slow link the byte threshold would take seconds: flush on time too, so progress
    // (and what a pause keeps) stays current.
    if (
      this.pendingBytes >= this.options.flushBytes ||
      (this.pendingBytes > 0 && performance.now() - this.flushedAt >= FLUSH_INTERVAL_MS)
    ) {
      if (!this.writing) {
        // Keep receiving while this write is on its way to disk.
        void this.flush();
      } else if (this.pendingBytes >= this.options.flushBytes && !controller.paused) {
        // A second buffer is full before the first write finished: wait for the disk.
        controller.pause();
        void this.flush().then(() => {
          if (!this.failure && !this.ended) controller.resume();
        });
      }
    }
  }

  onResponseEnd(): void {
    this.ended = true;
    void this.finish();
  }

  onResponseError(_controller: Controller, error: Error): void {
    this.fail(this.failure ?? transferErrorOf(error, this.url));
  }

  private async finish(): Promise<void> {
    await this.flush();
    if (this.failure) return;
    if (this.received < this.expected) {
      this.fail(
        new TransferError(
          'network',
          `The connection closed after ${this.received} of ${this.expected} bytes`,
          true,
        ),
      );
      return;
    }
    this.settle(null);
  }

  /** Writes what has gathered; a write failure stops the transfer. */
  private async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.pendingBytes === 0) return;
    const buffers = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.flushedAt = performance.now();
    const { part, chunk } = this.options;
    this.writing = part
      .append(chunk, buffers)
      .then(
        (n) => this.options.onBytes(n),
        (error: unknown) => {
          this.fail(
            isDiskFull(error)
              ? diskFullError(part.path, error)
              : new TalariaError(
                  'DOWNLOAD_FAILED',
                  `Cannot write ${part.path}: ${(error as Error).message}`,
                  { reason: 'write-failed' },
                ),
          );
        },
      )
      .finally(() => {
        this.writing = null;
      });
    await this.writing;
  }

  /** Stops the transfer; what arrived before the failure is still written (the retry starts after it). */
  private fail(error: Error): void {
    if (this.failure || this.settled) return;
    this.failure = error;
    this.controller?.abort(error);
    void this.flush()
      .catch(() => undefined)
      .then(() => this.settle(error));
  }

  private settle(error: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    if (this.stall) clearTimeout(this.stall);
    this.options.signal.removeEventListener('abort', this.onAbort);
    // A write failure found while flushing the tail wins over a plain success.
    const failure = error ?? this.failure;
    if (failure) this.reject(failure);
    else this.resolve();
  }
}

function checkStatus(
  status: number,
  headers: IncomingHttpHeaders,
  start: number,
  end: number,
  size: number,
): TransferError | null {
  if (status === 206) {
    const range = headerValue({ headers }, 'content-range');
    if (range === `bytes ${start}-${end - 1}/${size}`) return null;
    return new TransferError(
      'range',
      `Unexpected Content-Range "${range}" for bytes ${start}-${end - 1}/${size}`,
      false,
    );
  }
  if (status === 200 && start === 0 && end === size) return null;
  if (status === 200)
    return new TransferError('range', 'The server ignored a byte range request', false);
  if ([401, 403, 404, 410, 416].includes(status)) {
    return new TransferError('expired', `The download URL answered HTTP ${status}`, true);
  }
  const retryable = status >= 500 || status === 429 || status === 408;
  return new TransferError('http', `The download server answered HTTP ${status}`, retryable);
}

function transferErrorOf(error: Error, url: URL): Error {
  if (error instanceof TransferError || error instanceof TalariaError) return error;
  const network = networkErrorOf(error, url);
  if (network instanceof NetworkError) {
    return new TransferError(
      network.code === 'ETIMEDOUT' ? 'stall' : 'network',
      network.message,
      true,
    );
  }
  return new TransferError('network', error.message, true);
}

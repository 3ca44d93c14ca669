import type { IncomingMessage } from 'node:http';
import { TalariaError } from '../../../../shared/contract/errors';
import { diskFullError, isDiskFull } from './diskSpace';
import {
  abortReason,
  discard,
  headerValue,
  httpRequest,
  NetworkError,
  type HttpAgents,
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
  agents: HttpAgents;
  /** No byte for this long aborts the connection (it is retried from where it stopped). */
  stallTimeoutMs: number;
  /** Bytes gathered before one write to disk. */
  flushBytes: number;
  onBytes: (bytes: number) => void;
}

/** Longest time received bytes wait in memory before they are written and counted. */
const FLUSH_INTERVAL_MS = 200;

/** Downloads the rest of one chunk with a ranged GET, appending to the part file as it goes. */
export async function fetchChunk(options: FetchChunkOptions): Promise<void> {
  const { part, chunk, signal } = options;
  const start = chunk.start + chunk.written;
  if (start >= chunk.end) return;
  let res: IncomingMessage;
  try {
    res = await httpRequest(new URL(options.url), {
      headers: { ...options.headers, Range: `bytes=${start}-${chunk.end - 1}` },
      signal,
      agents: options.agents,
      headersTimeoutMs: options.stallTimeoutMs,
    });
  } catch (error) {
    if (signal.aborted) throw abortReason(signal);
    if (error instanceof NetworkError) {
      throw new TransferError(
        error.code === 'ETIMEDOUT' ? 'stall' : 'network',
        error.message,
        true,
      );
    }
    throw error;
  }
  checkStatus(res, start, chunk.end, part.size);
  await receive(res, options, chunk.end - start);
}

function checkStatus(res: IncomingMessage, start: number, end: number, size: number): void {
  const status = res.statusCode ?? 0;
  if (status === 206) {
    const range = headerValue(res, 'content-range');
    if (range !== `bytes ${start}-${end - 1}/${size}`) {
      discard(res);
      throw new TransferError(
        'range',
        `Unexpected Content-Range "${range}" for bytes ${start}-${end - 1}/${size}`,
        false,
      );
    }
    return;
  }
  discard(res);
  if (status === 200 && start === 0 && end === size) return;
  if (status === 200)
    throw new TransferError('range', 'The server ignored a byte range request', false);
  if ([401, 403, 404, 410, 416].includes(status)) {
    throw new TransferError('expired', `The download URL answered HTTP ${status}`, true);
  }
  const retryable = status >= 500 || status === 429 || status === 408;
  throw new TransferError('http', `The download server answered HTTP ${status}`, retryable);
}

async function receive(
  res: IncomingMessage,
  options: FetchChunkOptions,
  expected: number,
): Promise<void> {
  const { part, chunk, signal } = options;
  const stall = setTimeout(() => {
    res.destroy(new TransferError('stall', `No data for ${options.stallTimeoutMs} ms`, true));
  }, options.stallTimeoutMs);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let received = 0;
  let flushedAt = performance.now();
  const flush = async () => {
    if (pendingBytes === 0) return;
    const buffers = pending;
    pending = [];
    pendingBytes = 0;
    flushedAt = performance.now();
    try {
      options.onBytes(await part.append(chunk, buffers));
    } catch (error) {
      res.destroy();
      if (isDiskFull(error)) throw diskFullError(part.path, error);
      throw new TalariaError(
        'DOWNLOAD_FAILED',
        `Cannot write ${part.path}: ${(error as Error).message}`,
        {
          reason: 'write-failed',
        },
      );
    }
  };
  try {
    for await (const data of res) {
      let buf = data as Buffer;
      // Bytes past the range asked for are ignored; the body is drained so the socket is reused.
      if (received + buf.length > expected) buf = buf.subarray(0, expected - received);
      received += buf.length;
      if (buf.length > 0) {
        pending.push(buf);
        pendingBytes += buf.length;
      }
      // On a slow link the byte threshold would take seconds: flush on time too, so progress
      // (and what a pause keeps) stays current.
      if (
        pendingBytes >= options.flushBytes ||
        (pendingBytes > 0 && performance.now() - flushedAt >= FLUSH_INTERVAL_MS)
      ) {
        await flush();
      }
      stall.refresh();
    }
    await flush();
  } catch (error) {
    // Keep what arrived before the failure: the retry starts after it.
    await flush().catch(() => undefined);
    if (signal.aborted) throw abortReason(signal);
    if (error instanceof TransferError || error instanceof TalariaError) throw error;
    throw new TransferError('network', (error as Error).message, true);
  } finally {
    clearTimeout(stall);
  }
  if (received < expected) {
    throw new TransferError(
      'network',
      `The connection closed after ${received} of ${expected} bytes`,
      true,
    );
  }
}

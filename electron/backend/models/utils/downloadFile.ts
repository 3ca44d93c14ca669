import { TalariaError } from '../../../../shared/contract/errors';
import type { HubClient } from '../HubClient';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import { fetchChunk, TransferError } from './fetchChunk';
import { abortReason, type HttpPool } from './httpRequest';
import type { ManifestFile } from './jobStore';
import { PartFile, type Chunk, type OpenPartFile } from './PartFile';
import { HashWorker } from './HashWorker';

export interface FileTuning {
  connections: number;
  chunkSize: number;
  stallTimeoutMs: number;
  maxRetries: number;
  backoff: BackoffOptions;
  flushBytes: number;
  /** How often progress is recorded (completed writes; a kill of the process loses none of them). */
  persistIntervalMs: number;
  /** Also record progress after this many new bytes, so a kill on a fast link loses little. */
  persistBytes?: number;
  /**
   * How often a record is also flushed to the disk (`datasync`), in time and in new bytes: this
   * bounds what a power cut or a reboot can cost, and keeps the flush before the final move short.
   */
  syncIntervalMs?: number;
  syncBytes?: number;
  openFile?: OpenPartFile;
}

export interface DownloadFileContext extends FileTuning {
  hub: HubClient;
  pool: HttpPool;
  repoId: string;
  revision: string;
  partPath: string;
  signal: AbortSignal;
  /** Called with the part's resumed bytes once it is open. */
  onOpened: (resumedBytes: number) => void;
  onBytes: (bytes: number) => void;
  onRetry: (error: Error) => void;
  onVerifying: () => void;
  /** The Hub's current entry for the file, when its ETag no longer matches what we expected. */
  refreshEntry: () => Promise<ManifestFile>;
}

export interface DownloadFileResult {
  file: ManifestFile;
  resumedBytes: number;
  verifyMs: number;
  restarted: boolean;
}

function identity(file: ManifestFile): string {
  return file.sha256 ?? file.gitOid;
}

/**
 * Downloads one file of a repo into its `.part` (parallel ranged connections, retries, resume)
 * and verifies it against the Hub's hash. The verified part is left in place for the caller to
 * move; a part that fails verification is deleted.
 */
export async function downloadFile(
  expected: ManifestFile,
  ctx: DownloadFileContext,
): Promise<DownloadFileResult> {
  let file = expected;
  let target = await ctx.hub.resolveFile(ctx.repoId, file.path, ctx.revision, ctx.signal);
  if ((target.etag !== null && target.etag !== identity(file)) || target.size !== file.size) {
    // The Hub's copy changed since the download was queued: take its new hash and size.
    file = await ctx.refreshEntry();
    if ((target.etag !== null && target.etag !== identity(file)) || target.size !== file.size) {
      throw new TalariaError(
        'DOWNLOAD_FAILED',
        `The Hub gives conflicting versions of ${file.path}; try again later.`,
      );
    }
  }
  const part = await PartFile.open(ctx.partPath, {
    size: file.size,
    etag: identity(file),
    chunkSize: ctx.chunkSize,
    io: ctx.openFile,
  });
  ctx.onOpened(part.resumedBytes);
  const hasher = new HashWorker(ctx.partPath, file.sha256 ? 'sha256' : 'git-sha1', file.size);
  hasher.advance(part.contiguousEnd());

  const controller = new AbortController();
  const abortAll = () => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', abortAll, { once: true });
  let unpersisted = 0;
  let persisting = false;
  let syncedAt = performance.now();
  let unsynced = 0;
  const persistNow = (): void => {
    if (persisting) return;
    persisting = true;
    unsynced += unpersisted;
    unpersisted = 0;
    const durable =
      performance.now() - syncedAt >= (ctx.syncIntervalMs ?? 0) || unsynced >= (ctx.syncBytes ?? 0);
    if (durable) {
      syncedAt = performance.now();
      unsynced = 0;
    }
    void part
      .persist({ durable })
      .catch(() => undefined)
      .finally(() => {
        persisting = false;
      });
  };
  const persistTimer = setInterval(persistNow, ctx.persistIntervalMs);

  let refreshing: Promise<void> | null = null;
  const refreshUrl = () =>
    (refreshing ??= ctx.hub
      .resolveFile(ctx.repoId, file.path, ctx.revision, controller.signal)
      .then((fresh) => {
        if (fresh.etag !== null && fresh.etag !== identity(file)) {
          throw new TalariaError(
            'DOWNLOAD_FAILED',
            `${file.path} changed on the Hub during the download; start it again.`,
          );
        }
        target = fresh;
      })
      .finally(() => {
        refreshing = null;
      }));

  const pending = part.chunks.filter((c) => c.written < c.end - c.start);
  let next = 0;
  const claim = (): Chunk | null => pending[next++] ?? null;

  const worker = async () => {
    let failures = 0;
    for (let chunk = claim(); chunk !== null; chunk = claim()) {
      while (chunk.written < chunk.end - chunk.start) {
        const before = chunk.written;
        try {
          await fetchChunk({
            url: target.url,
            headers: ctx.hub.authHeadersFor(target.url),
            part,
            chunk,
            signal: controller.signal,
            pool: ctx.pool,
            stallTimeoutMs: ctx.stallTimeoutMs,
            flushBytes: ctx.flushBytes,
            onBytes: (n) => {
              ctx.onBytes(n);
              unpersisted += n;
              if (unpersisted >= (ctx.persistBytes ?? Infinity)) persistNow();
              hasher.advance(part.contiguousEnd());
            },
          });
        } catch (error) {
          if (controller.signal.aborted) throw error;
          if (!(error instanceof TransferError)) throw error;
          if (!error.retryable)
            throw new TalariaError(
              'DOWNLOAD_FAILED',
              `Download of ${file.path} failed: ${error.message}.`,
            );
          failures = chunk.written > before ? 1 : failures + 1;
          if (failures > ctx.maxRetries) {
            throw new TalariaError(
              'DOWNLOAD_FAILED',
              `Download of ${file.path} failed after ${ctx.maxRetries} retries: ${error.message}. Resume it to try again.`,
              { reason: 'retries-exhausted' },
            );
          }
          ctx.onRetry(error);
          await sleep(backoffDelay(failures, ctx.backoff), controller.signal);
          if (error.kind === 'expired') await refreshUrl();
        }
      }
      hasher.advance(part.contiguousEnd());
    }
  };

  let fatal: unknown;
  try {
    const workers = Array.from(
      { length: Math.max(1, Math.min(ctx.connections, pending.length)) },
      () =>
        worker().catch((error: unknown) => {
          // The first failure stops the siblings; their own (abort) errors are noise.
          if (fatal === undefined && !ctx.signal.aborted) {
            fatal = error;
            controller.abort(error);
          }
        }),
    );
    await Promise.all(workers);
    if (ctx.signal.aborted) throw abortReason(ctx.signal);
    if (fatal !== undefined) throw fatal;
  } catch (error) {
    clearInterval(persistTimer);
    ctx.signal.removeEventListener('abort', abortAll);
    await hasher.dispose();
    await part.persist().catch(() => undefined);
    await part.close().catch(() => undefined);
    throw error;
  }
  // From the last byte to the verdict: flush to disk, then hash what the worker has not reached.
  const tailStart = performance.now();
  clearInterval(persistTimer);
  ctx.signal.removeEventListener('abort', abortAll);
  ctx.onVerifying();
  let digest: string;
  try {
    await part.persist();
    hasher.advance(file.size);
    ({ digest } = await hasher.finish());
  } catch (error) {
    await hasher.dispose();
    await part.close().catch(() => undefined);
    throw new TalariaError(
      'DOWNLOAD_FAILED',
      `Cannot verify ${file.path}: ${(error as Error).message}`,
    );
  }
  const tailMs = performance.now() - tailStart;
  if (digest !== identity(file)) {
    await part.discard();
    throw new TalariaError(
      'DOWNLOAD_FAILED',
      `${file.path} is corrupt: its ${file.sha256 ? 'sha256' : 'git hash'} does not match the Hub's. The bad file was deleted; download it again.`,
      { reason: 'checksum', expected: identity(file), actual: digest, path: file.path },
    );
  }
  await part.close();
  return {
    file,
    resumedBytes: part.resumedBytes,
    verifyMs: tailMs,
    restarted: part.resetReason === 'etag-changed',
  };
}

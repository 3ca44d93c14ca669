import { mkdir } from 'node:fs/promises';
import { TalariaError, toErrorShape } from '../../../shared/contract/errors';
import type { DownloadEvent, DownloadJobInfo, DownloadRequest } from './downloadTypes';
import type { HubClient } from './HubClient';
import { assertRepoId, assertRevision, libraryPathFor } from './repoPaths';
import { assertDiskSpace, defaultStatFs, type StatFs } from './utils/diskSpace';
import type { FileTuning } from './utils/downloadFile';
import { DownloadJob, type StopReason } from './utils/DownloadJob';
import { closeHttpPool, createHttpPool, type HttpPool } from './utils/httpRequest';
import {
  jobDir,
  jobIdFor,
  partPath,
  readManifests,
  removeJobDir,
  writeManifest,
  type JobManifest,
} from './utils/jobStore';
import { alreadyInLibrary, downloadJobFile, moveIntoLibrary } from './utils/jobFiles';
import { savedBytes } from './utils/PartFile';
import { pickModel } from './utils/pickModel';

export interface DownloaderOptions extends Partial<FileTuning> {
  /** The library root: models land in `<modelsDir>/<publisher>/<repo>/<file>`. */
  modelsDir: string;
  hub: HubClient;
  /** Models downloading at once; the rest wait in the queue. */
  maxConcurrentJobs?: number;
  /** Least time between two progress events of one job. */
  progressIntervalMs?: number;
  statfs?: StatFs;
  now?: () => number;
}

const MiB = 1024 * 1024;

/**
 * The download manager: a queue of model downloads with parallel ranged connections, retries,
 * pause/resume/cancel, resume after a restart, a disk-space check, hash verification and an
 * atomic move into the library.
 */
export class Downloader {
  private readonly jobs = new Map<string, DownloadJob>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(event: DownloadEvent) => void>();
  private readonly waiters = new Map<
    string,
    { resolve: (j: DownloadJobInfo) => void; reject: (e: unknown) => void }[]
  >();
  private readonly pool: HttpPool;
  private readonly tuning: FileTuning;
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly options: DownloaderOptions) {
    this.pool = createHttpPool();
    this.now = options.now ?? Date.now;
    this.tuning = {
      connections: options.connections ?? 4,
      chunkSize: options.chunkSize ?? 16 * MiB,
      stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 8,
      backoff: options.backoff ?? { baseMs: 1000, maxMs: 30_000 },
      flushBytes: options.flushBytes ?? MiB,
      persistIntervalMs: options.persistIntervalMs ?? 500,
      persistBytes: options.persistBytes ?? 8 * MiB,
      syncIntervalMs: options.syncIntervalMs ?? 10_000,
      syncBytes: options.syncBytes ?? 64 * MiB,
      openFile: options.openFile,
    };
  }

  onEvent(listener: (event: DownloadEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): DownloadJobInfo[] {
    return [...this.jobs.values()].map((job) => job.info());
  }

  get(id: string): DownloadJobInfo {
    return this.job(id).info();
  }

  /** Queues a model (all parts of a split one). The same model asked for again is the same job. */
  async enqueue(request: DownloadRequest): Promise<DownloadJobInfo> {
    assertRepoId(request.repoId);
    const revision = assertRevision(request.revision ?? 'main');
    const model = pickModel(request, await this.options.hub.listFiles(request.repoId, revision));
    const paths = model.parts.map((p) => p.path);
    const id = jobIdFor(request.repoId, revision, paths);
    const existing = this.jobs.get(id);
    if (existing && !['completed', 'error', 'cancelled'].includes(existing.state))
      return existing.info();
    const manifest: JobManifest = {
      version: 1,
      id,
      repoId: request.repoId,
      revision,
      files: model.parts.map(({ path, size, sha256, gitOid }) => ({ path, size, sha256, gitOid })),
      paused: false,
      createdAt: this.now(),
    };
    const job = this.createJob(manifest);
    if (await alreadyInLibrary(job)) {
      job.libraryPath = job.destinations[0] ?? null;
      job.setState('completed');
      this.emit('state', job);
      return job.info();
    }
    await writeManifest(this.options.modelsDir, manifest);
    this.emit('state', job);
    this.pump();
    return job.info();
  }

  /** Picks up downloads left by an earlier run (after a quit, crash or kill). */
  async restore(): Promise<DownloadJobInfo[]> {
    const restored: DownloadJobInfo[] = [];
    for (const manifest of await readManifests(this.options.modelsDir)) {
      if (this.jobs.has(manifest.id)) continue;
      const job = this.createJob(manifest);
      if (manifest.error) job.setState('error', manifest.error);
      else if (manifest.paused) job.setState('paused');
      restored.push(job.info());
      this.emit('state', job);
    }
    this.pump();
    return restored;
  }

  async pause(id: string): Promise<DownloadJobInfo> {
    const job = this.job(id);
    // A finished download has nothing left to pause (and must not leave a manifest behind).
    if (job.state === 'completed' || job.state === 'cancelled') return job.info();
    if (job.state === 'queued') job.setState('paused');
    else if (job.state === 'downloading' || job.state === 'verifying')
      await this.stop(job, 'pause');
    job.manifest.paused = true;
    await writeManifest(this.options.modelsDir, job.manifest);
    this.emit('state', job);
    return job.info();
  }

  async resume(id: string): Promise<DownloadJobInfo> {
    const job = this.job(id);
    if (job.state !== 'paused' && job.state !== 'error') return job.info();
    job.manifest.paused = false;
    job.manifest.error = null;
    await writeManifest(this.options.modelsDir, job.manifest);
    job.setState('queued');
    this.emit('state', job);
    this.pump();
    return job.info();
  }

  /** Stops the download and deletes what it downloaded. */
  async cancel(id: string): Promise<DownloadJobInfo> {
    const job = this.job(id);
    if (job.state === 'completed' || job.state === 'cancelled') return job.info();
    if (this.running.has(id)) await this.stop(job, 'cancel');
    else {
      await removeJobDir(this.options.modelsDir, id);
      this.finish(job, 'cancelled');
    }
    return job.info();
  }

  /** Resolves when the model is in the library; rejects when the download fails or is cancelled. */
  waitFor(id: string): Promise<DownloadJobInfo> {
    const job = this.job(id);
    if (job.state === 'completed') return Promise.resolve(job.info());
    if (job.state === 'error' || job.state === 'cancelled')
      return Promise.reject(this.failureOf(job));
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(id) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(id, list);
    });
  }

  /** Stops every running download, keeping its progress for the next start. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(
      [...this.jobs.values()]
        .filter((j) => this.running.has(j.id))
        .map((j) => this.stop(j, 'dispose')),
    );
    await closeHttpPool(this.pool);
  }

  private createJob(manifest: JobManifest): DownloadJob {
    const destinations = manifest.files.map((f) =>
      libraryPathFor(this.options.modelsDir, manifest.repoId, f.path),
    );
    const job = new DownloadJob(manifest, destinations, this.now);
    this.jobs.set(job.id, job);
    return job;
  }

  private job(id: string): DownloadJob {
    const job = this.jobs.get(id);
    if (!job) throw new TalariaError('NOT_FOUND', `No download with id ${id}.`);
    return job;
  }

  private async stop(job: DownloadJob, reason: StopReason): Promise<void> {
    job.stopReason = reason;
    job.controller?.abort(new TalariaError('ABORTED', `Download ${reason}d.`));
    await this.running.get(job.id);
  }

  private pump(): void {
    if (this.disposed) return;
    const limit = this.options.maxConcurrentJobs ?? 2;
    for (const job of this.jobs.values()) {
      if (this.running.size >= limit) return;
      if (job.state !== 'queued' || this.running.has(job.id)) continue;
      const run = this.run(job).finally(() => {
        this.running.delete(job.id);
        this.pump();
      });
      this.running.set(job.id, run);
    }
  }

  private async run(job: DownloadJob): Promise<void> {
    const controller = new AbortController();
    job.controller = controller;
    job.stopReason = null;
    job.setState('downloading');
    this.emit('state', job);
    const { modelsDir } = this.options;
    try {
      await mkdir(jobDir(modelsDir, job.id), { recursive: true });
      let need = 0;
      for (let i = 0; i < job.fileCount; i++) {
        need += job.fileAt(i).size - (await savedBytes(partPath(modelsDir, job.id, i)));
      }
      await assertDiskSpace(jobDir(modelsDir, job.id), need, this.options.statfs ?? defaultStatFs);
      for (let i = 0; i < job.fileCount; i++) {
        await downloadJobFile(job, i, {
          hub: this.options.hub,
          modelsDir,
          pool: this.pool,
          tuning: this.tuning,
          signal: controller.signal,
          onProgress: () => this.progress(job),
          onState: () => this.emit('state', job),
        });
      }
      await moveIntoLibrary(job, modelsDir);
      this.finish(job, 'completed');
    } catch (error) {
      if (!controller.signal.aborted) {
        job.manifest.error = toErrorShape(error);
        // The part stays for a later resume (unless verification deleted it).
        await writeManifest(modelsDir, job.manifest).catch(() => undefined);
        this.finish(job, 'error', error);
      } else if (job.stopReason === 'cancel') {
        await removeJobDir(modelsDir, job.id);
        this.finish(job, 'cancelled');
      } else {
        job.setState(job.stopReason === 'pause' ? 'paused' : 'queued');
        this.emit('state', job);
      }
    } finally {
      job.controller = null;
    }
  }

  private finish(
    job: DownloadJob,
    state: 'completed' | 'error' | 'cancelled',
    error: unknown = null,
  ): void {
    job.setState(state, error);
    this.emit('state', job);
    const waiters = this.waiters.get(job.id) ?? [];
    this.waiters.delete(job.id);
    for (const waiter of waiters) {
      if (state === 'completed') waiter.resolve(job.info());
      else waiter.reject(this.failureOf(job));
    }
  }

  private failureOf(job: DownloadJob): TalariaError {
    if (job.state === 'cancelled')
      return new TalariaError('ABORTED', 'The download was cancelled.');
    const shape = job.error ?? {
      code: 'DOWNLOAD_FAILED' as const,
      message: 'The download failed.',
    };
    return TalariaError.from(shape);
  }

  private progress(job: DownloadJob): void {
    const now = this.now();
    if (now - job.lastProgressAt < (this.options.progressIntervalMs ?? 250)) return;
    job.lastProgressAt = now;
    this.emit('progress', job);
  }

  private emit(type: DownloadEvent['type'], job: DownloadJob): void {
    const event = { type, job: job.info() } as DownloadEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the download.
      }
    }
  }
}

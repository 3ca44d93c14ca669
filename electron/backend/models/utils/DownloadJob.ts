import { toErrorShape, type RpcErrorShape } from '../../../../shared/contract/errors';
import type {
  DownloadFileState,
  DownloadJobInfo,
  DownloadState,
  DownloadStats,
} from '../downloadTypes';
import type { JobManifest, ManifestFile } from './jobStore';

/** Why a running job was stopped from outside. */
export type StopReason = 'pause' | 'cancel' | 'dispose';

const WINDOW_MS = 5000;

function isErrorShape(value: unknown): value is RpcErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Error) &&
    typeof (value as RpcErrorShape).code === 'string' &&
    typeof (value as RpcErrorShape).message === 'string'
  );
}

/** Bytes per second over a sliding window of recent samples. */
class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];

  add(at: number, totalBytes: number): void {
    this.samples.push({ at, bytes: totalBytes });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? at) < at - WINDOW_MS)
      this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  speed(now: number): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 200 || now - last.at > WINDOW_MS) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }
}

interface FileProgress {
  file: ManifestFile;
  received: number;
  state: DownloadFileState;
  /** Opened before in this process: bytes found on a later open were downloaded by us. */
  opened: boolean;
}

/** The mutable state of one download and its JSON snapshot for events. */
export class DownloadJob {
  state: DownloadState = 'queued';
  error: RpcErrorShape | null = null;
  libraryPath: string | null = null;
  controller: AbortController | null = null;
  stopReason: StopReason | null = null;
  lastProgressAt = 0;
  readonly stats: DownloadStats = {
    resumedBytes: 0,
    downloadedBytes: 0,
    retries: 0,
    verifyMs: 0,
    restartedFiles: 0,
  };
  private files: FileProgress[];
  private readonly meter = new SpeedMeter();
  private updatedAt: number;

  constructor(
    public manifest: JobManifest,
    readonly destinations: string[],
    private readonly now: () => number,
  ) {
    this.files = manifest.files.map((file) => ({
      file,
      received: 0,
      state: 'pending',
      opened: false,
    }));
    this.updatedAt = now();
  }

  get id(): string {
    return this.manifest.id;
  }

  fileAt(index: number): ManifestFile {
    const entry = this.files[index];
    if (!entry) throw new Error(`No file ${index} in job ${this.id}`);
    return entry.file;
  }

  get fileCount(): number {
    return this.files.length;
  }

  setState(state: DownloadState, error: unknown = null): void {
    this.state = state;
    this.error = error === null ? null : isErrorShape(error) ? error : toErrorShape(error);
    if (state !== 'downloading') this.meter.reset();
    this.updatedAt = this.now();
  }

  setFileState(index: number, state: DownloadFileState): void {
    const entry = this.files[index];
    if (entry) entry.state = state;
    this.updatedAt = this.now();
  }

  /** A file's part was opened: `resumed` bytes were already on disk. */
  fileOpened(index: number, file: ManifestFile, resumed: number): void {
    const entry = this.files[index];
    if (!entry) return;
    entry.file = file;
    entry.received = resumed;
    if (!entry.opened) this.stats.resumedBytes += resumed;
    entry.opened = true;
    this.meter.reset();
  }

  addBytes(index: number, bytes: number): void {
    const entry = this.files[index];
    if (entry) entry.received += bytes;
    this.stats.downloadedBytes += bytes;
    this.updatedAt = this.now();
    this.meter.add(this.updatedAt, this.stats.downloadedBytes);
  }

  info(): DownloadJobInfo {
    const totalBytes = this.files.reduce((sum, f) => sum + f.file.size, 0);
    const receivedBytes = this.files.reduce((sum, f) => sum + f.received, 0);
    const speedBps = this.state === 'downloading' ? Math.round(this.meter.speed(this.now())) : 0;
    return {
      id: this.id,
      repoId: this.manifest.repoId,
      revision: this.manifest.revision,
      modelFile: this.files[0]?.file.path ?? '',
      files: this.files.map((f) => ({
        path: f.file.path,
        sizeBytes: f.file.size,
        receivedBytes: f.received,
        sha256: f.file.sha256,
        state: f.state,
      })),
      state: this.state,
      totalBytes,
      receivedBytes,
      speedBps,
      etaSeconds: speedBps > 0 ? Math.ceil((totalBytes - receivedBytes) / speedBps) : null,
      error: this.error,
      libraryPath: this.libraryPath,
      stats: { ...this.stats },
      createdAt: this.manifest.createdAt,
      updatedAt: this.updatedAt,
    };
  }
}

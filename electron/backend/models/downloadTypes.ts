import type { RpcErrorShape } from '../../../shared/contract/errors';

export type DownloadState =
  'queued' | 'downloading' | 'verifying' | 'paused' | 'completed' | 'error' | 'cancelled';

export type DownloadFileState = 'pending' | 'downloading' | 'verifying' | 'verified';

export interface DownloadFileInfo {
  /** Path in the repo. */
  path: string;
  sizeBytes: number;
  receivedBytes: number;
  /** What the file is checked against: the LFS sha256 (or null for git-stored files). */
  sha256: string | null;
  state: DownloadFileState;
}

export interface DownloadStats {
  /** Bytes taken over from an earlier session (resume after a restart). */
  resumedBytes: number;
  /** Bytes fetched over the network in this session. */
  downloadedBytes: number;
  /** Failed attempts that were retried (stalls, resets, 5xx). */
  retries: number;
  /**
   * Milliseconds from the last byte received to the hash verdict: the flush to disk plus the
   * stretch the hash worker had not reached yet (it hashes the file while it downloads).
   */
  verifyMs: number;
  /** Files whose partial data was dropped because the Hub's copy changed. */
  restartedFiles: number;
}

/** A download of one model (one GGUF, or every part of a split one) as the UI shows it. */
export interface DownloadJobInfo {
  id: string;
  repoId: string;
  revision: string;
  /** The model's first file path in the repo. */
  modelFile: string;
  files: DownloadFileInfo[];
  state: DownloadState;
  totalBytes: number;
  receivedBytes: number;
  /** Bytes per second over the last few seconds; 0 when idle. */
  speedBps: number;
  /** Seconds left at the current speed; null when unknown. */
  etaSeconds: number | null;
  error: RpcErrorShape | null;
  /** Absolute path of the first file in the library once completed. */
  libraryPath: string | null;
  stats: DownloadStats;
  createdAt: number;
  updatedAt: number;
}

export type DownloadEvent =
  { type: 'progress'; job: DownloadJobInfo } | { type: 'state'; job: DownloadJobInfo };

export interface DownloadRequest {
  repoId: string;
  revision?: string;
  /** Any file of the model (for split models, any part: all parts are downloaded). */
  file?: string;
  /** Or the quantization to pick, e.g. `Q4_K_M` (the CLI's `--quant`). */
  quant?: string;
}

import type { DownloadJobInfo } from '../../../shared/contract/library';

export type {
  DownloadFileInfo,
  DownloadFileState,
  DownloadJobInfo,
  DownloadState,
  DownloadStats,
} from '../../../shared/contract/library';

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

import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TalariaError } from '../../../../shared/contract/errors';
import type { HubClient } from '../HubClient';
import { downloadFile, type FileTuning } from './downloadFile';
import type { DownloadJob } from './DownloadJob';
import type { HttpPool } from './httpRequest';
import { partPath, removeJobDir, writeManifest } from './jobStore';
import { removePart } from './PartFile';

export interface JobFileDeps {
  hub: HubClient;
  modelsDir: string;
  pool: HttpPool;
  tuning: FileTuning;
  signal: AbortSignal;
  onProgress: () => void;
  onState: () => void;
}

/** Downloads and verifies file `index` of a job, keeping the job's state and stats current. */
export async function downloadJobFile(
  job: DownloadJob,
  index: number,
  deps: JobFileDeps,
): Promise<void> {
  const { hub, modelsDir, signal } = deps;
  const { repoId, revision } = job.manifest;
  job.setFileState(index, 'downloading');
  const result = await downloadFile(job.fileAt(index), {
    ...deps.tuning,
    hub,
    pool: deps.pool,
    repoId,
    revision,
    partPath: partPath(modelsDir, job.id, index),
    signal,
    onOpened: (resumed) => job.fileOpened(index, job.fileAt(index), resumed),
    onBytes: (bytes) => {
      job.addBytes(index, bytes);
      deps.onProgress();
    },
    onRetry: () => {
      job.stats.retries++;
    },
    onVerifying: () => {
      job.setFileState(index, 'verifying');
      job.setState('verifying');
      deps.onState();
    },
    refreshEntry: async () => {
      const path = job.fileAt(index).path;
      const fresh = (await hub.listFiles(repoId, revision, signal)).find((e) => e.path === path);
      if (!fresh) throw new TalariaError('MODEL_NOT_FOUND', `${path} is no longer on the Hub.`);
      const entry = { path, size: fresh.size, sha256: fresh.sha256, gitOid: fresh.gitOid };
      job.manifest.files[index] = entry;
      job.fileOpened(index, entry, 0);
      await writeManifest(modelsDir, job.manifest);
      return entry;
    },
  });
  if (result.restarted) job.stats.restartedFiles++;
  job.stats.verifyMs += result.verifyMs;
  job.setFileState(index, 'verified');
  if (job.state === 'verifying' && index < job.fileCount - 1) {
    job.setState('downloading');
    deps.onState();
  }
}

/** Moves verified parts into place, the first part last: a model is visible only when whole. */
export async function moveIntoLibrary(job: DownloadJob, modelsDir: string): Promise<void> {
  for (let i = job.fileCount - 1; i >= 0; i--) {
    const dest = job.destinations[i] ?? '';
    const from = partPath(modelsDir, job.id, i);
    await mkdir(dirname(dest), { recursive: true });
    await rename(from, dest);
    await removePart(from);
  }
  await removeJobDir(modelsDir, job.id);
  job.libraryPath = job.destinations[0] ?? null;
}

/** Whether every file is already at its library path with the expected size. */
export async function alreadyInLibrary(job: DownloadJob): Promise<boolean> {
  for (let i = 0; i < job.fileCount; i++) {
    try {
      if ((await stat(job.destinations[i] ?? '')).size !== job.fileAt(i).size) return false;
    } catch {
      return false;
    }
  }
  return true;
}

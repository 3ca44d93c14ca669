import { statfs as statfsNode } from 'node:fs/promises';
import { TalariaError } from '../../../../shared/contract/errors';

/** The part of `fs.statfs` we use; injectable so tests can simulate a full disk. */
export type StatFs = (path: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>;

export const defaultStatFs: StatFs = (path) => statfsNode(path);

/** Bytes an unprivileged process may still write on the file system holding `path`. */
export async function freeBytes(path: string, statfs: StatFs = defaultStatFs): Promise<number> {
  const stats = await statfs(path);
  return Number(stats.bavail) * Number(stats.bsize);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Throws DOWNLOAD_FAILED with both numbers when `needBytes` do not fit in `dir`. */
export async function assertDiskSpace(
  dir: string,
  needBytes: number,
  statfs: StatFs = defaultStatFs,
): Promise<void> {
  if (needBytes <= 0) return;
  const free = await freeBytes(dir, statfs);
  if (needBytes > free) {
    throw new TalariaError(
      'DOWNLOAD_FAILED',
      `Not enough disk space: need ${formatBytes(needBytes)}, ${formatBytes(free)} free.`,
      { reason: 'disk-space', needBytes, freeBytes: free, dir },
    );
  }
}

/** Whether a write failed because the disk or the user's quota is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

export function diskFullError(path: string, error: unknown): TalariaError {
  const code = (error as NodeJS.ErrnoException).code ?? 'ENOSPC';
  const what = code === 'EDQUOT' ? 'Your disk quota is exceeded' : 'The disk is full';
  return new TalariaError(
    'DOWNLOAD_FAILED',
    `${what} (${code}) while writing ${path}. Free some space and resume: the part already downloaded is kept.`,
    { reason: 'disk-full', code, path },
  );
}

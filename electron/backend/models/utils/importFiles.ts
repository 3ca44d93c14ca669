import { copyFile, link, rename, rm, stat, symlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { TalariaError } from '../../../../shared/contract/errors';
import type { ImportMode } from '../../../../shared/contract/library';
import { parseSplitName } from '../ggufFileNames';

export type { ImportMode } from '../../../../shared/contract/library';

/** All parts of a split model given any part (each must exist), or just the file. */
export async function splitPartsOf(source: string): Promise<string[]> {
  const split = parseSplitName(source);
  if (!split) return [source];
  const parts = Array.from(
    { length: split.total },
    (_, i) =>
      `${split.base}-${String(i + 1).padStart(5, '0')}-of-${String(split.total).padStart(5, '0')}.gguf`,
  );
  for (const part of parts) {
    if (!(await exists(part))) {
      throw new TalariaError(
        'INVALID_INPUT',
        `Cannot import ${basename(source)}: part ${basename(part)} is missing.`,
      );
    }
  }
  return parts;
}

export function sanitize(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 90);
  return cleaned.replace(/\.\.+/g, '.') || 'model';
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function place(source: string, target: string, mode: ImportMode): Promise<void> {
  if (mode === 'symlink') return symlink(source, target);
  if (mode === 'hardlink') return link(source, target);
  const tmp = `${target}.importing`;
  try {
    await copyFile(source, tmp);
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export function importError(fileName: string, mode: ImportMode, error: unknown): TalariaError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EXDEV') {
    return new TalariaError(
      'INVALID_INPUT',
      `Cannot hard-link ${fileName} across drives; import it as a copy or a link.`,
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new TalariaError(
      'INVALID_INPUT',
      `Not enough disk space to copy ${fileName} into the library.`,
    );
  }
  return new TalariaError(
    'INVALID_INPUT',
    `Cannot import ${fileName} (${mode}): ${(error as Error).message}`,
  );
}

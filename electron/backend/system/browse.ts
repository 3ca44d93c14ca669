import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BrowseResult, DirEntry } from '../../../shared/contract';
import { TalariaError } from '../../../shared/contract/errors';

/** Lists a folder's sub-folders and GGUF files for the in-app model picker. */
export async function browse(path: string): Promise<BrowseResult> {
  const dir = resolve(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TalariaError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT',
      code === 'ENOENT' ? `The folder ${dir} does not exist.` : `Cannot open ${dir} (${code}).`,
    );
  }
  const entries: DirEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    try {
      const info = await stat(full);
      if (info.isDirectory()) entries.push({ name, path: full, kind: 'dir', sizeBytes: null });
      else if (info.isFile() && name.toLowerCase().endsWith('.gguf')) {
        entries.push({ name, path: full, kind: 'gguf', sizeBytes: info.size });
      }
    } catch {
      // Broken links and unreadable entries are simply not offered.
    }
  }
  entries.sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1,
  );
  const parent = dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries };
}

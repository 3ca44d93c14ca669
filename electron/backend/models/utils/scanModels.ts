import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseSplitName } from '../ggufFileNames';

export interface FoundModel {
  /** Path of the first file relative to the models folder, with `/` separators. */
  id: string;
  /** Absolute paths of every file, in part order. */
  parts: string[];
  sizeBytes: number;
  modifiedAt: number;
  /** False when a split model lacks parts on disk. */
  complete: boolean;
  /** Whether the first file is a symbolic link (an import by link). */
  linked: boolean;
}

interface FoundFile {
  path: string;
  rel: string;
  size: number;
  mtimeMs: number;
  linked: boolean;
}

/**
 * Every GGUF model under the models folder: `<publisher>/<repo>/<file>` (LM Studio's layout) and
 * anything else found there. Hidden folders (the download staging area) are skipped; split parts
 * are grouped into one model.
 */
export async function scanModels(modelsDir: string): Promise<FoundModel[]> {
  const files: FoundFile[] = [];
  await walk(modelsDir, modelsDir, files, 0);
  const singles: FoundModel[] = [];
  const splits = new Map<string, { total: number; parts: Map<number, FoundFile> }>();
  for (const file of files) {
    const split = parseSplitName(file.rel);
    if (!split) {
      singles.push({
        id: file.rel,
        parts: [file.path],
        sizeBytes: file.size,
        modifiedAt: file.mtimeMs,
        complete: true,
        linked: file.linked,
      });
      continue;
    }
    const key = `${split.base}\u0000${split.total}`;
    const group = splits.get(key) ?? { total: split.total, parts: new Map() };
    group.parts.set(split.part, file);
    splits.set(key, group);
  }
  for (const { total, parts } of splits.values()) {
    const ordered = [...parts.entries()].sort(([a], [b]) => a - b).map(([, f]) => f);
    const first = ordered[0];
    if (!first) continue;
    singles.push({
      id: first.rel,
      parts: ordered.map((f) => f.path),
      sizeBytes: ordered.reduce((n, f) => n + f.size, 0),
      modifiedAt: Math.max(...ordered.map((f) => f.mtimeMs)),
      complete: parts.size === total && parts.has(1),
      linked: first.linked,
    });
  }
  return singles.sort((a, b) => a.id.localeCompare(b.id));
}

async function walk(root: string, dir: string, out: FoundFile[], depth: number): Promise<void> {
  if (depth > 6) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(root, path, out, depth + 1);
      continue;
    }
    if (!entry.name.toLowerCase().endsWith('.gguf')) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      out.push({
        path,
        rel: relative(root, path).split(sep).join('/'),
        size: info.size,
        mtimeMs: info.mtimeMs,
        linked: entry.isSymbolicLink(),
      });
    } catch {
      // A dangling link: nothing to load.
    }
  }
}

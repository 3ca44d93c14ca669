import type { GgufFilePart, GgufModelFile, HubFileEntry } from './hubTypes';

const SPLIT = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;

// A quant token stands alone between separators: "….Q4_K_M.gguf", "…-IQ4_XS-00001-of-…".
const QUANT =
  /(?<![A-Za-z0-9])(I?Q[1-8](?:_(?:K|[0-9]|XXS|XS|S|M|L|XL|NL))*|BF16|F16|F32|FP16|FP32|MXFP4)(?![A-Za-z0-9])/gi;

export interface SplitPartName {
  /** Path without `-0000k-of-0000n.gguf`. */
  base: string;
  part: number;
  total: number;
}

/** `name-00002-of-00003.gguf` → { base: 'name', part: 2, total: 3 }; null for single files. */
export function parseSplitName(path: string): SplitPartName | null {
  const match = SPLIT.exec(path);
  if (!match) return null;
  const part = Number(match[2]);
  const total = Number(match[3]);
  if (part < 1 || total < 1 || part > total) return null;
  return { base: match[1] ?? '', part, total };
}

/** The quantization a GGUF's file name states, normalized (`q4_k_m` → `Q4_K_M`, `fp16` → `F16`). */
export function parseQuant(fileName: string): string | null {
  const stem = (fileName.split('/').pop() ?? fileName)
    .replace(/-\d{5}-of-\d{5}\.gguf$/i, '')
    .replace(/\.gguf$/i, '');
  const matches = [...stem.matchAll(QUANT)];
  const last = matches[matches.length - 1]?.[1];
  if (last === undefined) return null;
  const upper = last.toUpperCase();
  return upper === 'FP16' ? 'F16' : upper === 'FP32' ? 'F32' : upper;
}

function isGguf(path: string): boolean {
  return path.toLowerCase().endsWith('.gguf');
}

function toPart(entry: HubFileEntry): GgufFilePart {
  return { path: entry.path, size: entry.size, sha256: entry.sha256, gitOid: entry.gitOid };
}

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function roleOf(path: string): GgufModelFile['role'] {
  return /(^|[-_.])mmproj([-_.]|$)/i.test(baseName(path)) ? 'projector' : 'model';
}

/**
 * The loadable GGUF models among a repo's files: single files as they are, split parts grouped
 * into one entry (in part order) whose size is the sum of its parts. Sorted by size.
 */
export function groupGgufFiles(entries: readonly HubFileEntry[]): GgufModelFile[] {
  const singles: GgufModelFile[] = [];
  const splits = new Map<string, { total: number; parts: Map<number, HubFileEntry> }>();
  for (const entry of entries) {
    if (!isGguf(entry.path)) continue;
    const split = parseSplitName(entry.path);
    if (!split) {
      singles.push({
        id: entry.path,
        name: baseName(entry.path),
        quant: parseQuant(entry.path),
        sizeBytes: entry.size,
        parts: [toPart(entry)],
        split: false,
        complete: true,
        role: roleOf(entry.path),
      });
      continue;
    }
    const key = `${split.base}\u0000${split.total}`;
    const group = splits.get(key) ?? { total: split.total, parts: new Map() };
    group.parts.set(split.part, entry);
    splits.set(key, group);
  }
  const grouped: GgufModelFile[] = [...splits.values()].map(({ total, parts }) => {
    const ordered = [...parts.entries()].sort(([a], [b]) => a - b).map(([, e]) => toPart(e));
    const first = ordered[0] as GgufFilePart;
    const base = parseSplitName(first.path)?.base ?? first.path;
    return {
      id: first.path,
      name: `${baseName(base)}.gguf`,
      quant: parseQuant(first.path),
      sizeBytes: ordered.reduce((sum, p) => sum + p.size, 0),
      parts: ordered,
      split: true,
      complete: parts.size === total && parts.has(1),
      role: roleOf(first.path),
    };
  });
  return [...singles, ...grouped].sort((a, b) => a.sizeBytes - b.sizeBytes);
}

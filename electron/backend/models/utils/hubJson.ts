import type { GatedMode, HubFileEntry, HubModelInfo, HubModelSummary } from '../hubTypes';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function gated(value: unknown): GatedMode | null {
  if (value === false || value === 'auto' || value === 'manual') return value;
  // Older answers used `true` for what is now "auto".
  if (value === true) return 'auto';
  return null;
}

/** An item of `/api/models`; null when it lacks an `owner/name` id. */
export function toModelSummary(item: unknown): HubModelSummary | null {
  if (!isObject(item)) return null;
  const id = str(item.id) ?? str(item.modelId);
  if (id === null || !id.includes('/')) return null;
  const [author = '', name = ''] = id.split('/');
  return {
    id,
    author: str(item.author) ?? author,
    name,
    downloads: num(item.downloads),
    likes: num(item.likes),
    tags: Array.isArray(item.tags)
      ? item.tags.filter((t): t is string => typeof t === 'string')
      : [],
    gated: gated(item.gated),
    private: item.private === true,
    lastModified: str(item.lastModified),
  };
}

export function toModelInfo(item: unknown): HubModelInfo | null {
  const summary = toModelSummary(item);
  if (!summary || !isObject(item)) return null;
  const siblings = Array.isArray(item.siblings)
    ? item.siblings
        .map((s) => (isObject(s) ? str(s.rfilename) : null))
        .filter((s): s is string => s !== null)
    : [];
  return {
    ...summary,
    sha: str(item.sha),
    cardData: isObject(item.cardData) ? item.cardData : null,
    siblings,
  };
}

/** A `file` entry of the tree listing; directories and malformed entries give null. */
export function toTreeEntry(item: unknown): HubFileEntry | null {
  if (!isObject(item) || item.type !== 'file') return null;
  const path = str(item.path);
  if (path === null || typeof item.size !== 'number') return null;
  const lfs = isObject(item.lfs) ? item.lfs : null;
  const sha256 = lfs ? str(lfs.oid) : null;
  return {
    path,
    size: lfs && typeof lfs.size === 'number' ? lfs.size : item.size,
    sha256: sha256 !== null && /^[0-9a-f]{64}$/i.test(sha256) ? sha256.toLowerCase() : null,
    gitOid: str(item.oid) ?? '',
  };
}

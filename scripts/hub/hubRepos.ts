import { createHash } from 'node:crypto';

/**
 * Bytes of a file too big to hold in memory: `read` must return exactly `length` bytes starting
 * at `offset`, the same bytes every time (a 3 GB sparse file is a pure function of the offset).
 */
export interface GeneratedContent {
  size: number;
  read: (offset: number, length: number) => Buffer;
  /** The sha256 of the whole content; computed on first use (one streaming pass) when omitted. */
  sha256?: string;
}

export type HubContent = Buffer | GeneratedContent;

export interface HubFileSpec {
  /** Path inside the repo, e.g. `model.Q4_K_M.gguf` or `Q8_0/model-00001-of-00002.gguf`. */
  path: string;
  content: HubContent;
  /** Stored through LFS (tree `lfs` entry, resolve redirects to the CDN). Default: `.gguf` files. */
  lfs?: boolean;
}

export interface HubRepoSpec {
  /** `owner/name`. */
  id: string;
  files?: HubFileSpec[];
  /** Gated repos need a token the server accepts for `resolve`; metadata stays public. */
  gated?: false | 'auto' | 'manual';
  /** Private repos answer 401/404 everywhere without an accepted token. */
  private?: boolean;
  tags?: string[];
  downloads?: number;
  likes?: number;
  cardData?: Record<string, unknown>;
  pipelineTag?: string;
  createdAt?: string;
  lastModified?: string;
}

export interface StoredFile {
  path: string;
  size: number;
  lfs: boolean;
  /** Git blob id of what git stores: the LFS pointer for LFS files, the content otherwise. */
  gitOid: string;
  pointerSize: number;
  read: (offset: number, length: number) => Buffer;
  sha256: () => string;
}

export interface StoredRepo {
  spec: HubRepoSpec;
  commit: string;
  files: Map<string, StoredFile>;
}

function gitBlobOid(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

function lazySha256(content: HubContent): () => string {
  let cached: string | undefined = Buffer.isBuffer(content) ? undefined : content.sha256;
  return () => {
    if (cached !== undefined) return cached;
    const hash = createHash('sha256');
    if (Buffer.isBuffer(content)) hash.update(content);
    else {
      const step = 8 << 20;
      for (let offset = 0; offset < content.size; offset += step) {
        hash.update(content.read(offset, Math.min(step, content.size - offset)));
      }
    }
    cached = hash.digest('hex');
    return cached;
  };
}

/** What a file is stored as: content plus the ids the Hub derives from it. */
export function storeFile(spec: HubFileSpec): StoredFile {
  const { content } = spec;
  const size = Buffer.isBuffer(content) ? content.length : content.size;
  const lfs = spec.lfs ?? spec.path.toLowerCase().endsWith('.gguf');
  const read = Buffer.isBuffer(content)
    ? (offset: number, length: number) => content.subarray(offset, offset + length)
    : content.read;
  const sha256 = lazySha256(content);
  if (!lfs) {
    const whole = Buffer.isBuffer(content) ? content : content.read(0, size);
    return { path: spec.path, size, lfs, gitOid: gitBlobOid(whole), pointerSize: 0, read, sha256 };
  }
  // The pointer's oid needs the sha256; computing it lazily keeps registering a big file cheap.
  let pointer: Buffer | undefined;
  const pointerOf = () =>
    (pointer ??= Buffer.from(
      `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256()}\nsize ${size}\n`,
    ));
  return {
    path: spec.path,
    size,
    lfs,
    read,
    sha256,
    get gitOid() {
      return gitBlobOid(pointerOf());
    },
    get pointerSize() {
      return pointerOf().length;
    },
  };
}

export function newCommitId(seed: string): string {
  return createHash('sha1').update(`${seed}:${Date.now()}:${Math.random()}`).digest('hex');
}

/** The siblings/tree views of a repo's files, in the Hub's JSON shapes. */
export function treeEntries(repo: StoredRepo, prefix: string, recursive: boolean): unknown[] {
  const base = prefix === '' ? '' : `${prefix.replace(/\/+$/, '')}/`;
  const dirs = new Set<string>();
  const files: StoredFile[] = [];
  for (const file of repo.files.values()) {
    if (!file.path.startsWith(base)) continue;
    const rest = file.path.slice(base.length);
    const parts = rest.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (!recursive && i > 1) break;
      dirs.add(base + parts.slice(0, i).join('/'));
    }
    if (recursive || parts.length === 1) files.push(file);
  }
  const dirEntries = [...dirs].sort().map((path) => ({
    type: 'directory',
    oid: createHash('sha1').update(`tree:${repo.commit}:${path}`).digest('hex'),
    size: 0,
    path,
  }));
  const fileEntries = files
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((file) =>
      file.lfs
        ? {
            type: 'file',
            oid: file.gitOid,
            size: file.size,
            lfs: { oid: file.sha256(), size: file.size, pointerSize: file.pointerSize },
            path: file.path,
          }
        : { type: 'file', oid: file.gitOid, size: file.size, path: file.path },
    );
  return [...dirEntries, ...fileEntries];
}

function tagsOf(repo: StoredRepo): string[] {
  const tags = new Set(repo.spec.tags ?? []);
  if ([...repo.files.keys()].some((p) => p.toLowerCase().endsWith('.gguf'))) tags.add('gguf');
  return [...tags];
}

/** One item of `GET /api/models` (the list view). */
export function modelListItem(repo: StoredRepo): Record<string, unknown> {
  const { spec } = repo;
  return {
    _id: createHash('sha1').update(spec.id).digest('hex').slice(0, 24),
    id: spec.id,
    likes: spec.likes ?? 0,
    trendingScore: 0,
    private: spec.private ?? false,
    downloads: spec.downloads ?? 0,
    tags: tagsOf(repo),
    pipeline_tag: spec.pipelineTag ?? 'text-generation',
    library_name: tagsOf(repo).includes('gguf') ? 'gguf' : undefined,
    createdAt: spec.createdAt ?? '2024-08-01T00:00:00.000Z',
    modelId: spec.id,
  };
}

/** `GET /api/models/{id}`: the model info view with `siblings` (and blob details on request). */
export function modelInfo(repo: StoredRepo, withBlobs: boolean): Record<string, unknown> {
  const { spec } = repo;
  const siblings = [...repo.files.values()]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((file) =>
      withBlobs
        ? {
            rfilename: file.path,
            blobId: file.gitOid,
            size: file.size,
            ...(file.lfs
              ? { lfs: { sha256: file.sha256(), size: file.size, pointerSize: file.pointerSize } }
              : {}),
          }
        : { rfilename: file.path },
    );
  return {
    ...modelListItem(repo),
    author: spec.id.split('/')[0],
    sha: repo.commit,
    lastModified: spec.lastModified ?? '2024-08-15T00:00:00.000Z',
    gated: spec.gated ?? false,
    disabled: false,
    cardData: spec.cardData ?? {},
    siblings,
    spaces: [],
    usedStorage: [...repo.files.values()].reduce((sum, f) => sum + f.size, 0),
  };
}

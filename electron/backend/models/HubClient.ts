import { TalariaError } from '../../../shared/contract/errors';
import { groupGgufFiles } from './ggufFileNames';
import type {
  GgufModelFile,
  HubFileEntry,
  HubModelInfo,
  HubModelSummary,
  ResolvedHubFile,
} from './hubTypes';
import { assertRepoFilePath, assertRepoId, assertRevision } from './repoPaths';
import { discard, headerValue } from './utils/httpRequest';
import { toModelInfo, toModelSummary, toTreeEntry } from './utils/hubJson';
import { HubTransport } from './utils/hubTransport';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

export interface HubClientOptions {
  /** The Hub to talk to (`HF_ENDPOINT` or https://huggingface.co); mirrors and tests differ. */
  endpoint?: string;
  /** Access token for gated/private repos; read on every request, so it can change at run time. */
  token?: string | null | (() => string | null);
  /** Retries of idempotent API requests on 5xx / network errors. */
  retries?: number;
  retryDelayMs?: number;
  headersTimeoutMs?: number;
}

export interface SearchOptions {
  query?: string;
  author?: string;
  limit?: number;
  sort?: 'downloads' | 'likes' | 'lastModified' | 'createdAt' | 'trendingScore';
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 5;

/**
 * The Hugging Face Hub API: search, model info, file listings and file resolution. The token is
 * sent only to the configured endpoint's origin, never to a redirect target on another host.
 */
export class HubClient {
  readonly endpoint: URL;
  private readonly transport: HubTransport;

  constructor(options: HubClientOptions = {}) {
    const raw = options.endpoint ?? DEFAULT_HUB_ENDPOINT;
    let endpoint: URL;
    try {
      endpoint = new URL(raw.endsWith('/') ? raw : `${raw}/`);
    } catch {
      throw new TalariaError('INVALID_INPUT', `The Hub endpoint "${raw}" is not a URL.`);
    }
    if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
      throw new TalariaError('INVALID_INPUT', `The Hub endpoint must be http(s): ${raw}`);
    }
    this.endpoint = endpoint;
    const token = options.token;
    this.transport = new HubTransport({
      endpoint,
      token: typeof token === 'function' ? token : () => token ?? null,
      retries: options.retries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 500,
      headersTimeoutMs: options.headersTimeoutMs ?? 30_000,
    });
  }

  /** The Authorization header for `url`, only when it is on the configured endpoint's origin. */
  authHeadersFor(url: URL | string): Record<string, string> {
    return this.transport.authHeadersFor(url);
  }

  /** GGUF repositories matching a query (the Hub's `filter=gguf`). */
  async search(options: SearchOptions = {}): Promise<HubModelSummary[]> {
    const url = this.url('api/models');
    url.searchParams.set('filter', 'gguf');
    if (options.query) url.searchParams.set('search', options.query);
    if (options.author) url.searchParams.set('author', options.author);
    url.searchParams.set('limit', String(Math.max(1, Math.min(options.limit ?? 30, 100))));
    url.searchParams.set('sort', options.sort ?? 'downloads');
    url.searchParams.set('direction', '-1');
    const { body } = await this.transport.getJson(url, {}, options.signal);
    if (!Array.isArray(body)) throw this.badJson('search');
    return body.map(toModelSummary).filter((m): m is HubModelSummary => m !== null);
  }

  async modelInfo(repoId: string, revision = 'main', signal?: AbortSignal): Promise<HubModelInfo> {
    const { owner, name } = assertRepoId(repoId);
    const rev = assertRevision(revision);
    const path =
      rev === 'main'
        ? `api/models/${owner}/${name}`
        : `api/models/${owner}/${name}/revision/${encodeURIComponent(rev)}`;
    const { body } = await this.transport.getJson(this.url(path), { repoId }, signal);
    const info = toModelInfo(body);
    if (!info) throw this.badJson('model info');
    return info;
  }

  /** Every file of the repo at a revision (the recursive tree, all pages). */
  async listFiles(
    repoId: string,
    revision = 'main',
    signal?: AbortSignal,
  ): Promise<HubFileEntry[]> {
    const { owner, name } = assertRepoId(repoId);
    const rev = encodeURIComponent(assertRevision(revision));
    let next: URL | null = this.url(`api/models/${owner}/${name}/tree/${rev}`);
    next.searchParams.set('recursive', 'true');
    const files: HubFileEntry[] = [];
    for (let page = 0; next !== null && page < 1000; page++) {
      const { body, res } = await this.transport.getJson(next, { repoId }, signal);
      if (!Array.isArray(body)) throw this.badJson('tree');
      for (const item of body) {
        const entry = toTreeEntry(item);
        if (entry) files.push(entry);
      }
      next = nextPage(headerValue(res, 'link'), next);
    }
    return files;
  }

  /** The repo's GGUF models (split parts grouped), with sizes and sha256 oids. */
  async listGgufModels(
    repoId: string,
    revision = 'main',
    signal?: AbortSignal,
  ): Promise<GgufModelFile[]> {
    const files = await this.listFiles(repoId, revision, signal);
    const safe = files.filter((f) => {
      try {
        assertRepoFilePath(f.path);
        return true;
      } catch {
        // A listing with a hostile name must not break the rest of the repo view.
        return false;
      }
    });
    return groupGgufFiles(safe);
  }

  /**
   * Follows `resolve` for one file to where its bytes are, reading the Hub's `X-Linked-*` headers.
   * Same-origin redirects are followed with the token; a redirect to another host (the CDN) is
   * returned, not requested.
   */
  async resolveFile(
    repoId: string,
    path: string,
    revision = 'main',
    signal?: AbortSignal,
  ): Promise<ResolvedHubFile> {
    const { owner, name } = assertRepoId(repoId);
    assertRepoFilePath(path);
    const rev = encodeURIComponent(assertRevision(revision));
    const encodedPath = path.split('/').map(encodeURIComponent).join('/');
    let url = this.url(`${owner}/${name}/resolve/${rev}/${encodedPath}`);
    let etag: string | null = null;
    let firstEtag: string | null = null;
    let size: number | null = null;
    let commit: string | null = null;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const res = await this.transport.send(url, 'HEAD', { repoId, path }, signal);
      // The Hub's own answer names the file: its X-Linked-Etag (LFS sha256) wins, then the ETag
      // of the first hop (git id); a same-origin CDN's ETag may be anything (an md5, say).
      etag = etag ?? normalizeEtag(headerValue(res, 'x-linked-etag'));
      if (hop === 0) firstEtag = normalizeEtag(headerValue(res, 'etag'));
      size = size ?? toSize(headerValue(res, 'x-linked-size'));
      commit = headerValue(res, 'x-repo-commit') ?? commit;
      const status = res.statusCode ?? 0;
      discard(res);
      if (status >= 300 && status < 400) {
        const location = headerValue(res, 'location');
        if (!location)
          throw new TalariaError(
            'DOWNLOAD_FAILED',
            `${this.endpoint.host} redirected without a Location.`,
          );
        const target = new URL(location, url);
        if (target.origin !== this.endpoint.origin) {
          if (size === null)
            throw new TalariaError(
              'DOWNLOAD_FAILED',
              `${this.endpoint.host} did not say how big ${path} is.`,
            );
          return { url: target.href, size, etag: etag ?? firstEtag, commit };
        }
        url = target;
        continue;
      }
      const length = toSize(headerValue(res, 'content-length'));
      const resolvedSize = size ?? length;
      if (resolvedSize === null)
        throw new TalariaError(
          'DOWNLOAD_FAILED',
          `${this.endpoint.host} did not say how big ${path} is.`,
        );
      return { url: url.href, size: resolvedSize, etag: etag ?? firstEtag, commit };
    }
    throw new TalariaError('DOWNLOAD_FAILED', `Too many redirects resolving ${path}.`);
  }

  dispose(): void {
    this.transport.dispose();
  }

  private url(path: string): URL {
    return new URL(path, this.endpoint);
  }

  private badJson(what: string): TalariaError {
    return new TalariaError(
      'DOWNLOAD_FAILED',
      `${this.endpoint.host} sent an unexpected ${what} answer.`,
    );
  }
}

function nextPage(link: string | null, current: URL): URL | null {
  const match = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
  if (!match?.[1]) return null;
  const next = new URL(match[1], current);
  // A next page elsewhere would receive our token through authHeadersFor only if same-origin,
  // but a listing has no business sending us to another host at all.
  return next.origin === current.origin ? next : null;
}

function normalizeEtag(value: string | null): string | null {
  if (value === null) return null;
  return value.replace(/^W\//, '').replace(/^"|"$/g, '') || null;
}

function toSize(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

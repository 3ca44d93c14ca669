import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FaultTable,
  type FaultHandle,
  type FaultTarget,
  type HubFault,
  type HubRoute,
} from './hubFaults';
import {
  infoRoute,
  searchRoute,
  sendError,
  treeRoute,
  type HubState,
  type TokenGrant,
} from './hubApi';
import {
  newCommitId,
  storeFile,
  type HubFileSpec,
  type HubRepoSpec,
  type StoredFile,
  type StoredRepo,
} from './hubRepos';
import { resolveRoute } from './resolveRoute';
import { sendFileBytes } from './sendBytes';

export type { HubFault, FaultHandle, HubRoute } from './hubFaults';
export type { HubContent, HubFileSpec, HubRepoSpec, GeneratedContent } from './hubRepos';

export interface HubTestServerOptions {
  /** Where `resolve` redirects LFS files: another server (a cross-origin CDN) or this one. */
  cdn?: HubTestServer;
  /** Entries per page of the tree listing (the Hub pages with a `Link: rel="next"` header). */
  treePageSize?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** Origin of this server, so tests can tell the Hub from the CDN. */
  origin: string;
  route: HubRoute;
  headers: IncomingHttpHeaders;
  at: number;
}

interface Blob {
  repo: string;
  file: StoredFile;
}

/**
 * A real HTTP server that answers the Hugging Face Hub's routes with the Hub's JSON shapes and
 * headers, for tests and benchmarks, with fault injection (error statuses, throttling, stalls,
 * dropped connections, corrupted bytes) and a record of every request.
 */
export class HubTestServer {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly repos = new Map<string, StoredRepo>();
  private readonly blobs = new Map<string, Blob>();
  private readonly blobKeys = new WeakMap<StoredFile, string>();
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly faults = new FaultTable();
  private readonly stalled = new Set<ServerResponse>();
  private readonly cdn: HubTestServer;
  private readonly treePageSize: number;
  private origin: string | null = null;

  constructor(options: HubTestServerOptions = {}) {
    this.cdn = options.cdn ?? this;
    this.treePageSize = options.treePageSize ?? 1000;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'Internal', String(error));
        else res.destroy();
      });
    });
  }

  private get state(): HubState {
    return {
      repos: this.repos,
      tokens: this.tokens,
      origin: this.url,
      treePageSize: this.treePageSize,
    };
  }

  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  get url(): string {
    if (this.origin === null) throw new Error('HubTestServer is not started');
    return this.origin;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    for (const res of this.stalled) res.destroy();
    this.stalled.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds (or replaces) a repository. */
  addRepo(spec: HubRepoSpec): void {
    const repo: StoredRepo = { spec, commit: newCommitId(spec.id), files: new Map() };
    this.repos.set(spec.id, repo);
    for (const file of spec.files ?? []) this.putFile(repo, file);
  }

  /** Adds or replaces one file (a new commit, so new sha256 / ETag for changed content). */
  setFile(repoId: string, file: HubFileSpec): void {
    const repo = this.repoOrThrow(repoId);
    this.putFile(repo, file);
    repo.commit = newCommitId(repoId);
  }

  removeFile(repoId: string, path: string): void {
    const repo = this.repoOrThrow(repoId);
    repo.files.delete(path);
    repo.commit = newCommitId(repoId);
  }

  /** The sha256 the Hub reports for a file (its LFS oid). */
  sha256Of(repoId: string, path: string): string {
    const file = this.repoOrThrow(repoId).files.get(path);
    if (!file) throw new Error(`No file ${path} in ${repoId}`);
    return file.sha256();
  }

  /** A valid token; `repos` lists the gated/private repos it may read (default: all). */
  addToken(token: string, repos: string[] | '*' = '*'): void {
    this.tokens.set(token, { repos });
  }

  inject(fault: HubFault): FaultHandle {
    return this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Serves a blob on this server's CDN route; called by the Hub server that redirects here. */
  registerBlob(repo: string, file: StoredFile): string {
    let key = this.blobKeys.get(file);
    if (key === undefined) {
      key = randomUUID();
      this.blobKeys.set(file, key);
      this.blobs.set(key, { repo, file });
    }
    return `${this.url}/cdn/${key}/${encodeURIComponent(file.path.split('/').pop() ?? 'file')}`;
  }

  private putFile(repo: StoredRepo, spec: HubFileSpec): void {
    repo.files.set(spec.path, storeFile(spec));
  }

  private repoOrThrow(repoId: string): StoredRepo {
    const repo = this.repos.get(repoId);
    if (!repo) throw new Error(`No repo ${repoId}`);
    return repo;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
    const target = this.classify(req.method ?? 'GET', req.url ?? '/', segments);
    this.requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      origin: this.url,
      route: target.route,
      headers: req.headers,
      at: Date.now(),
    });
    const fault = this.faults.takeStatus(target);
    if (fault) {
      if (fault.status < 400) {
        res.writeHead(fault.status, { ...fault.headers, 'Content-Length': '0' });
        res.end();
        return;
      }
      const code = fault.errorCode ?? defaultErrorCode(fault.status);
      sendError(
        res,
        fault.status,
        code,
        fault.message ?? `Injected ${fault.status}`,
        fault.headers,
      );
      return;
    }
    switch (target.route) {
      case 'search':
        return searchRoute(this.state, url, res);
      case 'info':
        return infoRoute(this.state, req, url, segments, res);
      case 'tree':
        return treeRoute(this.state, req, url, segments, res);
      case 'resolve':
        return resolveRoute(this.state, req, segments, res, {
          cdnUrlFor: (repoId, file) => this.cdn.registerBlob(repoId, file),
          sendBytes: (file, headers) => this.sendBytes(req, res, file, target, headers),
        });
      case 'cdn':
        return this.serveCdn(req, segments, target, res);
      default:
        sendError(res, 404, null, 'Sorry, we can\u2019t find the page you are looking for.');
    }
  }

  private classify(method: string, url: string, s: string[]): FaultTarget {
    if (s[0] === 'api' && s[1] === 'models') {
      if (s.length === 2) return { route: 'search', method, url };
      const repo = `${s[2]}/${s[3]}`;
      return { route: s[4] === 'tree' ? 'tree' : 'info', method, url, repo };
    }
    if (s[0] === 'cdn' && s[1] !== undefined) {
      const blob = this.blobs.get(s[1]);
      return { route: 'cdn', method, url, repo: blob?.repo, file: blob?.file.path };
    }
    if (s.length >= 5 && s[2] === 'resolve') {
      return { route: 'resolve', method, url, repo: `${s[0]}/${s[1]}`, file: s.slice(4).join('/') };
    }
    return { route: 'unknown', method, url };
  }

  private async serveCdn(
    req: IncomingMessage,
    s: string[],
    target: FaultTarget,
    res: ServerResponse,
  ): Promise<void> {
    const blob = this.blobs.get(s[1] ?? '');
    if (!blob) {
      res.writeHead(404, { 'Content-Type': 'application/xml' });
      res.end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    await this.sendBytes(req, res, blob.file, target, { ETag: `"${blob.file.sha256()}"` });
  }

  private sendBytes(
    req: IncomingMessage,
    res: ServerResponse,
    file: StoredFile,
    target: FaultTarget,
    headers: Record<string, string>,
  ): Promise<void> {
    return sendFileBytes(
      req,
      res,
      file,
      headers,
      (start, end) => this.faults.takeBodyPlan(target, start, end),
      (stalled) => {
        this.stalled.add(stalled);
        stalled.on('close', () => this.stalled.delete(stalled));
      },
    );
  }
}

function defaultErrorCode(status: number): string | null {
  if (status === 401 || status === 403) return 'GatedRepo';
  if (status === 404) return 'EntryNotFound';
  return null;
}

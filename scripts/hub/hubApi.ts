import type { IncomingMessage, ServerResponse } from 'node:http';
import { modelInfo, modelListItem, treeEntries, type StoredRepo } from './hubRepos';

export interface TokenGrant {
  repos: string[] | '*';
}

/** What the API routes read from the server. */
export interface HubState {
  repos: Map<string, StoredRepo>;
  tokens: Map<string, TokenGrant>;
  origin: string;
  treePageSize: number;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** The Hub's error shape: `{error}` in the body, `X-Error-Code` / `X-Error-Message` headers. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string | null,
  message: string,
  extra: Record<string, string> = {},
): void {
  const headers: Record<string, string> = {
    ...extra,
    'X-Error-Message': message.replace(/[^\x20-\x7e]/g, ''),
  };
  if (code !== null) headers['X-Error-Code'] = code;
  sendJson(res, status, { error: message }, headers);
}

/** The repo if the request may read it; otherwise answers the Hub's error and returns null. */
export function readableRepo(
  state: HubState,
  req: IncomingMessage,
  repoId: string,
  res: ServerResponse,
  forFiles: boolean,
): StoredRepo | null {
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
  const grant = token === undefined ? undefined : state.tokens.get(token);
  if (token !== undefined && !grant) {
    sendError(res, 401, null, 'Invalid credentials in Authorization header');
    return null;
  }
  const repo = state.repos.get(repoId);
  const mayRead = grant !== undefined && (grant.repos === '*' || grant.repos.includes(repoId));
  if (!repo || (repo.spec.private && !mayRead)) {
    // Like the Hub: without a token a missing repo looks like a private one (401).
    const status = token === undefined ? 401 : 404;
    sendError(res, status, 'RepoNotFound', `Repository Not Found for url: ${req.url}.`);
    return null;
  }
  if (forFiles && repo.spec.gated && !mayRead) {
    const message =
      token === undefined
        ? `Access to model ${repoId} is restricted. You must have access to it and be authenticated to access it. Please log in.`
        : `Access to model ${repoId} is restricted and you are not in the authorized list. Visit ${state.origin}/${repoId} to ask for access.`;
    sendError(res, token === undefined ? 401 : 403, 'GatedRepo', message);
    return null;
  }
  return repo;
}

/** `GET /api/models?search=&author=&filter=&limit=&sort=&direction=`. */
export function searchRoute(state: HubState, url: URL, res: ServerResponse): void {
  const query = (url.searchParams.get('search') ?? '').toLowerCase();
  const author = url.searchParams.get('author');
  const filters = url.searchParams.getAll('filter');
  const limit = Number(url.searchParams.get('limit') ?? 1000);
  const sort = url.searchParams.get('sort');
  const direction = url.searchParams.get('direction') === '1' ? 1 : -1;
  let items = [...state.repos.values()]
    .filter((repo) => !repo.spec.private)
    .map((repo) => modelListItem(repo))
    .filter((item) => String(item.id).toLowerCase().includes(query))
    .filter((item) => author === null || String(item.id).split('/')[0] === author)
    .filter((item) => filters.every((f) => (item.tags as string[]).includes(f)));
  if (sort === 'downloads' || sort === 'likes') {
    items = items.sort((a, b) => direction * (Number(a[sort]) - Number(b[sort])));
  }
  sendJson(res, 200, items.slice(0, limit));
}

/** `GET /api/models/{owner}/{repo}[/revision/{rev}][?blobs=true]`. */
export function infoRoute(
  state: HubState,
  req: IncomingMessage,
  url: URL,
  s: string[],
  res: ServerResponse,
): void {
  const repo = readableRepo(state, req, `${s[2]}/${s[3]}`, res, false);
  if (!repo) return;
  if (s[4] === 'revision' && s[5] !== 'main' && s[5] !== repo.commit) {
    sendError(res, 404, 'RevisionNotFound', `Invalid rev id: ${s[5]}`);
    return;
  }
  sendJson(res, 200, modelInfo(repo, url.searchParams.get('blobs') === 'true'));
}

/** `GET /api/models/{owner}/{repo}/tree/{rev}[/{path}][?recursive=true]`, paged by `Link`. */
export function treeRoute(
  state: HubState,
  req: IncomingMessage,
  url: URL,
  s: string[],
  res: ServerResponse,
): void {
  const repo = readableRepo(state, req, `${s[2]}/${s[3]}`, res, false);
  if (!repo) return;
  const revision = s[5] ?? 'main';
  if (revision !== 'main' && revision !== repo.commit) {
    sendError(res, 404, 'RevisionNotFound', `Invalid rev id: ${revision}`);
    return;
  }
  const recursive = ['true', '1'].includes(url.searchParams.get('recursive') ?? '');
  const entries = treeEntries(repo, s.slice(6).join('/'), recursive);
  const cursor = Number(url.searchParams.get('cursor') ?? 0);
  const page = entries.slice(cursor, cursor + state.treePageSize);
  const headers: Record<string, string> = {};
  if (cursor + state.treePageSize < entries.length) {
    const next = new URL(url.pathname + url.search, state.origin);
    next.searchParams.set('cursor', String(cursor + state.treePageSize));
    headers.Link = `<${next.href}>; rel="next"`;
  }
  sendJson(res, 200, page, headers);
}

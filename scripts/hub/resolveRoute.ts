import type { IncomingMessage, ServerResponse } from 'node:http';
import { readableRepo, sendError, type HubState } from './hubApi';
import type { StoredFile } from './hubRepos';

export interface ResolveDeps {
  /** Where the CDN serves this LFS blob. */
  cdnUrlFor: (repoId: string, file: StoredFile) => string;
  /** Serves a git-stored file's bytes directly (with ranges and faults). */
  sendBytes: (file: StoredFile, headers: Record<string, string>) => Promise<void>;
}

/**
 * `HEAD|GET /{owner}/{repo}/resolve/{rev}/{path}`: LFS files answer 302 to the CDN with the
 * Hub's `X-Linked-Etag` (the sha256, quoted), `X-Linked-Size`, `ETag` (the pointer's git id) and
 * `X-Repo-Commit`; git-stored files are served directly.
 */
export async function resolveRoute(
  state: HubState,
  req: IncomingMessage,
  s: string[],
  res: ServerResponse,
  deps: ResolveDeps,
): Promise<void> {
  const repo = readableRepo(state, req, `${s[0]}/${s[1]}`, res, true);
  if (!repo) return;
  if (s[3] !== 'main' && s[3] !== repo.commit) {
    sendError(res, 404, 'RevisionNotFound', `Invalid rev id: ${s[3]}`);
    return;
  }
  const path = s.slice(4).join('/');
  const file = repo.files.get(path);
  if (!file) {
    sendError(res, 404, 'EntryNotFound', `${path} does not exist on "${s[3]}"`);
    return;
  }
  const common = { 'X-Repo-Commit': repo.commit, ETag: `"${file.gitOid}"` };
  if (!file.lfs) {
    await deps.sendBytes(file, common);
    return;
  }
  const location = deps.cdnUrlFor(repo.spec.id, file);
  const body = `Found. Redirecting to ${location}`;
  res.writeHead(302, {
    ...common,
    Location: location,
    'X-Linked-Etag': `"${file.sha256()}"`,
    'X-Linked-Size': String(file.size),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

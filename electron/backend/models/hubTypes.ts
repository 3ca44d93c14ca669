/** Shapes of the Hub API; the ones the renderer sees live in shared/contract/library. */

export type {
  GatedMode,
  GgufFilePart,
  GgufModelFile,
  HubModelSummary,
} from '../../../shared/contract/library';
import type { HubModelSummary } from '../../../shared/contract/library';

/** `GET /api/models/{id}`. */
export interface HubModelInfo extends HubModelSummary {
  /** Commit id of the revision asked for. */
  sha: string | null;
  cardData: Record<string, unknown> | null;
  /** Paths of every file in the repo. */
  siblings: string[];
}

/** One file of a repo's tree. */
export interface HubFileEntry {
  path: string;
  size: number;
  /** The LFS sha256 (the Hub's `lfs.oid`); null for files stored in git itself. */
  sha256: string | null;
  /** Git blob id (of the LFS pointer for LFS files). */
  gitOid: string;
}

/** Where a file's bytes are, after following the Hub's `resolve` route. */
export interface ResolvedHubFile {
  /** Final URL of the bytes (the CDN for LFS files). */
  url: string;
  size: number;
  /** The sha256 for LFS files (from `X-Linked-Etag`), else the git ETag; unquoted. */
  etag: string | null;
  commit: string | null;
}

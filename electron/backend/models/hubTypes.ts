/**
 * Shapes the model library works with. They are local to the backend until the lead moves the
 * ones the renderer needs into shared/contract.
 */

export type GatedMode = false | 'auto' | 'manual';

/** One repository in a Hub search result. */
export interface HubModelSummary {
  /** `owner/name`. */
  id: string;
  author: string;
  name: string;
  downloads: number;
  likes: number;
  tags: string[];
  /** Null when the listing did not say (the search route omits it unless expanded). */
  gated: GatedMode | null;
  private: boolean;
  lastModified: string | null;
}

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

export interface GgufFilePart {
  path: string;
  size: number;
  sha256: string | null;
  gitOid: string;
}

/** A loadable GGUF in a repo: one file, or all parts of a split (`-00001-of-00003`) model. */
export interface GgufModelFile {
  /** Path of the first part; what a download or fit estimate names. */
  id: string;
  /** File name without the split suffix, for display. */
  name: string;
  /** Quantization parsed from the name (Q4_K_M, IQ4_XS, F16, BF16 …); null when unknown. */
  quant: string | null;
  sizeBytes: number;
  parts: GgufFilePart[];
  split: boolean;
  /** False when a split model misses parts in the listing (it cannot be downloaded whole). */
  complete: boolean;
  /** Vision projectors (`mmproj-*.gguf`) are GGUFs but not chat models. */
  role: 'model' | 'projector';
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

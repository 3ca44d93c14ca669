import { z } from 'zod';
import type { RpcErrorShape } from './errors';

/**
 * The model library (issue 3): the curated Hermes catalog, Hugging Face search and repo views
 * with honest fit estimates, the download manager, the local library and per-model load
 * settings. Sizes are bytes, times epoch milliseconds.
 */

/** Whether a Hub repo needs the user to accept terms (and send a token) before files download. */
export type GatedMode = false | 'auto' | 'manual';

/** One curated Hermes GGUF repository (resources/catalog/hermes.json). */
export interface CatalogEntry {
  /** `owner/name` on the Hub. */
  repoId: string;
  title: string;
  /** 'Hermes 3', 'Hermes 2 Pro', 'Hermes 2 Theta'. */
  family: string;
  /** Parameter count as people say it: '3B', '8B', '70B', '405B'. */
  parameters: string;
  baseModel: string;
  /** One line for the card. */
  description: string;
  /** Context length the model was trained for. */
  contextLength: number;
  /** Whether the model card documents Hermes tool calling. */
  toolUse: boolean;
}

/** One repository in a Hub search result. */
export interface HubModelSummary {
  /** `owner/name`. */
  id: string;
  author: string;
  name: string;
  downloads: number;
  likes: number;
  tags: string[];
  /** Null when the listing did not say. */
  gated: GatedMode | null;
  private: boolean;
  lastModified: string | null;
}

export interface GgufFilePart {
  path: string;
  size: number;
  /** The LFS sha256 the download is verified against; null for files stored in git itself. */
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

/**
 * - 'full-gpu': every layer fits in free VRAM;
 * - 'partial-gpu': some layers on the GPU, the rest on the CPU;
 * - 'cpu-only': runs from RAM (no GPU, or no layer fits);
 * - 'too-big': does not fit this machine's RAM at this context size.
 */
export type FitBadge = 'full-gpu' | 'partial-gpu' | 'cpu-only' | 'too-big';

/**
 * A fit verdict from the GGUF header (node-llama-cpp's GgufInsights, read by range before any
 * download), with the numbers behind it.
 */
export interface FitEstimate {
  badge: FitBadge;
  /** Context size the numbers are for (the request, capped at the trained length). */
  contextSize: number;
  totalLayers: number;
  /** Layers that fit on the GPU at this context size (0 without a GPU). */
  gpuLayers: number;
  /** RAM and VRAM needed with `gpuLayers` offloaded: model weights plus context (KV cache …). */
  ramBytes: number;
  vramBytes: number;
  modelRamBytes: number;
  modelVramBytes: number;
  contextRamBytes: number;
  contextVramBytes: number;
  /** What the machine allows after node-llama-cpp's safety padding. */
  ramBudgetBytes: number;
  vramBudgetBytes: number;
  /** Fits, but needs more than is free right now: other programs must give memory back. */
  tight: boolean;
  modelSizeBytes: number;
  parameterCount: number;
  trainContextSize: number | null;
  /** File size over parameters: the quality/size axis of recommendations. */
  bitsPerWeight: number;
  /** One sentence for the UI. */
  summary: string;
}

/** The machine fit estimates are made for. */
export interface HardwareInfo {
  gpu: 'cuda' | 'vulkan' | 'metal' | false;
  gpuNames: string[];
  vramTotalBytes: number;
  vramFreeBytes: number;
  ramTotalBytes: number;
  ramFreeBytes: number;
  /** Apple silicon: GPU memory comes out of RAM. */
  unifiedMemory: boolean;
  cpuCores: number;
  platform: string;
  /** 'engine': read by llama.cpp in the engine process; 'os': RAM only (no GPU detection). */
  source: 'engine' | 'os';
}

/** A GGUF model of a repo as the repo view shows it. */
export interface RepoModelFile extends GgufModelFile {
  /** Null while not estimated (`fit: false`) or when `fitError` says why not. */
  fit: FitEstimate | null;
  fitError: string | null;
  /** The library id when this model is already downloaded. */
  libraryId: string | null;
  /** The quant suggested for this machine. */
  recommended: boolean;
}

export interface RepoRecommendation {
  modelId: string;
  reason: string;
}

/** `hub.repo`: a repository's GGUF models with fit estimates and a recommended quant. */
export interface RepoView {
  repoId: string;
  revision: string;
  /** The repo's page on the configured Hub. */
  url: string;
  gated: GatedMode | null;
  downloads: number;
  likes: number;
  lastModified: string | null;
  /** Models first (smallest first), then vision projectors. */
  files: RepoModelFile[];
  recommended: RepoRecommendation | null;
  /** Context size the estimates are for. */
  contextSize: number;
  /** Null when fits were not asked for. */
  hardware: HardwareInfo | null;
  fitted: boolean;
}

export type DownloadState =
  'queued' | 'downloading' | 'verifying' | 'paused' | 'completed' | 'error' | 'cancelled';

export type DownloadFileState = 'pending' | 'downloading' | 'verifying' | 'verified';

export interface DownloadFileInfo {
  /** Path in the repo. */
  path: string;
  sizeBytes: number;
  receivedBytes: number;
  /** What the file is checked against: the LFS sha256 (null for git-stored files). */
  sha256: string | null;
  state: DownloadFileState;
}

export interface DownloadStats {
  /** Bytes taken over from an earlier session (resume after a restart). */
  resumedBytes: number;
  /** Bytes fetched over the network in this session. */
  downloadedBytes: number;
  /** Failed attempts that were retried (stalls, resets, 5xx). */
  retries: number;
  /** Milliseconds from the last byte to the hash verdict. */
  verifyMs: number;
  /** Files whose partial data was dropped because the Hub's copy changed. */
  restartedFiles: number;
}

/** A download of one model (one GGUF, or every part of a split one). */
export interface DownloadJobInfo {
  id: string;
  repoId: string;
  revision: string;
  /** The model's first file path in the repo. */
  modelFile: string;
  files: DownloadFileInfo[];
  state: DownloadState;
  totalBytes: number;
  receivedBytes: number;
  /** Bytes per second over the last few seconds; 0 when idle. */
  speedBps: number;
  /** Seconds left at the current speed; null when unknown. */
  etaSeconds: number | null;
  /** Why it failed, in words the user can act on (state 'error'). */
  error: RpcErrorShape | null;
  /** Absolute path of the first file in the library once completed. */
  libraryPath: string | null;
  stats: DownloadStats;
  createdAt: number;
  updatedAt: number;
}

export type ChatTemplateKind = 'chatml' | 'llama3' | 'other' | 'none';

/** What the library shows about a GGUF, read from its header. */
export interface GgufModelMetadata {
  /** `general.name`. */
  name: string | null;
  architecture: string | null;
  parameterCount: number | null;
  /** `general.size_label` (e.g. "8B") when the file has it. */
  sizeLabel: string | null;
  /** Quantization from `general.file_type` (Q4_K_M, Q8_0, F16 …). */
  fileType: string | null;
  /** Context length the model was trained with. */
  contextLength: number | null;
  chatTemplate: ChatTemplateKind;
  /** '3', '2 Pro', '2 Theta' or '2' for Nous Hermes models; null otherwise. */
  hermesVersion: string | null;
  /** Whether `tokenizer.chat_template.tool_use` exists (Hermes tool calling). */
  hasToolUseTemplate: boolean;
}

/** A model in the library folder (`<models>/<publisher>/<repo>/<file>`). */
export interface LibraryModel {
  /** Path of the (first) file relative to the models folder, `/`-separated; stable. */
  id: string;
  /** Absolute path of the (first) file: what the engine loads. */
  path: string;
  fileName: string;
  publisher: string | null;
  repo: string | null;
  /** Absolute paths of every part. */
  parts: string[];
  sizeBytes: number;
  /** False when a split model lacks parts (it cannot be loaded). */
  complete: boolean;
  /** Imported by symbolic link: deleting removes the link, not the user's file. */
  linked: boolean;
  modifiedAt: number;
  /** Quantization from the header, else from the file name. */
  quant: string | null;
  metadata: GgufModelMetadata | null;
  /** Why the model cannot be loaded (unreadable, truncated, missing parts); null when fine. */
  error: string | null;
}

/** How a library model is loaded; kept per model. The backend checks it again with its own bounds. */
export const modelLoadSettingsSchema = z
  .object({
    /** Layers on the GPU; 'auto' lets node-llama-cpp fit what it can. */
    gpuLayers: z.union([z.literal('auto'), z.number().int().min(0).max(1024)]),
    /** 'auto': as much as fits, up to 8192 tokens. */
    contextSize: z.union([z.literal('auto'), z.number().int().min(128).max(4_194_304)]),
    flashAttention: z.boolean(),
    /** Null uses the machine's core count. */
    threads: z.number().int().min(1).max(1024).nullable(),
    /** Null uses node-llama-cpp's default. */
    batchSize: z.number().int().min(1).max(1_048_576).nullable(),
    /** The role tool results are sent in; the Hermes 3 3B abliterated card wants `user`. */
    toolResponseRole: z.enum(['tool', 'user']),
  })
  .strict();
export type ModelLoadSettings = z.infer<typeof modelLoadSettingsSchema>;

/** How an existing GGUF enters the library. */
export const importModeSchema = z.enum(['copy', 'hardlink', 'symlink']);
export type ImportMode = z.infer<typeof importModeSchema>;

/** Whether a Hugging Face token is set, and whether this app can store one. */
export interface HubTokenStatus {
  configured: boolean;
  /** 'env': HF_TOKEN; 'stored': the desktop app's encrypted store. */
  source: 'env' | 'stored' | null;
  /** Whether `hub.setToken` can store a token here. */
  canStore: boolean;
  /** Why a token cannot be stored here (no keyring, headless host …); null when it can. */
  storeMessage: string | null;
  /** The Hub the token is sent to, and nowhere else (`HF_ENDPOINT` or huggingface.co). */
  endpoint: string;
}

/** A library model as the chat's model picker lists it. */
export interface PickerModel {
  model: LibraryModel;
  /** The load settings a one-click load uses. */
  settings: ModelLoadSettings;
  /** At the saved context size ('auto': 8192); null when `fitError` says why not. */
  fit: FitEstimate | null;
  fitError: string | null;
  /** Epoch ms of the last successful load; null when never loaded. */
  lastUsedAt: number | null;
}

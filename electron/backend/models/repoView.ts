import type { GgufFileInfo } from 'node-llama-cpp';
import type {
  GgufModelFile,
  HardwareInfo,
  RepoModelFile,
  RepoView,
} from '../../../shared/contract/library';
import { toFitHardware } from './hardware';
import type { HubClient } from './HubClient';
import type { ModelLibrary } from './ModelLibrary';
import { estimateRepoFits, type ModelFit } from './repoFit';

export interface RepoViewDeps {
  hub: HubClient;
  library: ModelLibrary;
  hardware: () => Promise<HardwareInfo>;
  /** GGUF headers by sha256, shared between calls so a new context size costs no download. */
  headerCache: Map<string, GgufFileInfo>;
}

export interface RepoViewRequest {
  repoId: string;
  revision?: string;
  contextSize?: number;
  flashAttention?: boolean;
  fit?: boolean;
}

/** The context size estimates are for unless asked otherwise: what a library load uses. */
export const DEFAULT_FIT_CONTEXT = 8192;
const HEADER_CACHE_LIMIT = 256;

/** A repo's GGUF models with fit estimates, the recommended quant and what is downloaded. */
export async function buildRepoView(
  deps: RepoViewDeps,
  request: RepoViewRequest,
  signal?: AbortSignal,
): Promise<RepoView> {
  const { hub, library } = deps;
  const revision = request.revision ?? 'main';
  const contextSize = request.contextSize ?? DEFAULT_FIT_CONTEXT;
  const [info, models, local] = await Promise.all([
    hub.modelInfo(request.repoId, revision, signal),
    hub.listGgufModels(request.repoId, revision, signal),
    library.list(),
  ]);
  const localIds = new Set(local.filter((m) => m.complete).map((m) => m.id));
  let hardware: HardwareInfo | null = null;
  let fits: ModelFit[] = [];
  let recommended: RepoView['recommended'] = null;
  if (request.fit !== false) {
    hardware = await deps.hardware();
    if (deps.headerCache.size > HEADER_CACHE_LIMIT) deps.headerCache.clear();
    ({ fits, recommended } = await estimateRepoFits(hub, request.repoId, models, {
      hardware: toFitHardware(hardware),
      contextSize,
      flashAttention: request.flashAttention,
      revision,
      signal,
      headerCache: deps.headerCache,
    }));
  }
  const fitted = request.fit !== false;
  const files = [...models]
    .sort((a, b) => Number(a.role === 'projector') - Number(b.role === 'projector'))
    .map((model): RepoModelFile => {
      const found = fits.find((f) => f.modelId === model.id);
      const libraryId = `${request.repoId}/${model.id}`;
      return {
        ...model,
        fit: found?.fit ?? null,
        fitError: fitted ? (found?.error ?? noFitReason(model)) : null,
        libraryId: localIds.has(libraryId) ? libraryId : null,
        recommended: recommended?.modelId === model.id,
      };
    });
  return {
    repoId: info.id,
    revision,
    url: new URL(request.repoId, hub.endpoint).href,
    gated: info.gated,
    downloads: info.downloads,
    likes: info.likes,
    lastModified: info.lastModified,
    files,
    recommended,
    contextSize,
    hardware,
    fitted,
  };
}

function noFitReason(model: GgufModelFile): string | null {
  if (model.role === 'projector') return 'A vision projector, not a chat model.';
  if (!model.complete) return 'Some parts of this split model are missing from the repo.';
  return null;
}

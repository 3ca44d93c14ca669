import type { GgufFileInfo } from 'node-llama-cpp';
import { estimateFit, type FitEstimate, type FitOptions } from './fitEstimate';
import type { HubClient } from './HubClient';
import type { GgufModelFile } from './hubTypes';
import { readRemoteGgufInfo } from './utils/remoteGguf';

export interface ModelFit {
  modelId: string;
  quant: string | null;
  sizeBytes: number;
  fit: FitEstimate | null;
  /** Why no estimate could be made (unreadable header, network …). */
  error: string | null;
}

export interface Recommendation {
  modelId: string;
  reason: string;
}

export interface RepoFitOptions extends FitOptions {
  revision?: string;
  signal?: AbortSignal;
  /** Headers read at once. */
  concurrency?: number;
  /** Cache of headers by sha256 of the first part, shared between calls. */
  headerCache?: Map<string, GgufFileInfo>;
}

/** Fit estimates for a repo's GGUF models (headers read remotely) and the quant to pick here. */
export async function estimateRepoFits(
  hub: HubClient,
  repoId: string,
  models: readonly GgufModelFile[],
  options: RepoFitOptions,
): Promise<{ fits: ModelFit[]; recommended: Recommendation | null }> {
  const candidates = models.filter((m) => m.role === 'model' && m.complete);
  const fits: ModelFit[] = new Array<ModelFit>(candidates.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < candidates.length; i = next++) {
      const model = candidates[i] as GgufModelFile;
      const key = model.parts[0]?.sha256 ?? null;
      try {
        let info = key !== null ? options.headerCache?.get(key) : undefined;
        if (!info) {
          info = await readRemoteGgufInfo(hub, repoId, model, options);
          if (key !== null) options.headerCache?.set(key, info);
        }
        fits[i] = {
          modelId: model.id,
          quant: model.quant,
          sizeBytes: model.sizeBytes,
          fit: await estimateFit(info, options),
          error: null,
        };
      } catch (error) {
        fits[i] = {
          modelId: model.id,
          quant: model.quant,
          sizeBytes: model.sizeBytes,
          fit: null,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return { fits, recommended: recommendQuant(fits) };
}

/** Q8_0 is ~8.5 bits per weight; more buys little for chat. */
const MAX_GPU_BPW = 8.6;
/** Q4_K_M is ~4.9: the usual sweet spot when layers run on the CPU, where speed is memory-bound. */
const MAX_CPU_BPW = 5.0;

/**
 * The quant to suggest: the best quality that runs fully on the GPU (up to Q8_0); when nothing
 * does, the best up to Q4_K_M class among those that fit (partly offloaded before CPU-only); when
 * nothing that small fits, the smallest that does.
 */
export function recommendQuant(fits: readonly ModelFit[]): Recommendation | null {
  const usable = fits.filter(
    (f): f is ModelFit & { fit: FitEstimate } => f.fit !== null && f.fit.badge !== 'too-big',
  );
  if (usable.length === 0) return null;
  const byQuality = (a: { fit: FitEstimate }, b: { fit: FitEstimate }) =>
    b.fit.bitsPerWeight - a.fit.bitsPerWeight;
  const label = (f: ModelFit) => f.quant ?? f.modelId;
  const gpu = usable.filter((f) => f.fit.badge === 'full-gpu');
  if (gpu.length > 0) {
    const pick =
      gpu.filter((f) => f.fit.bitsPerWeight <= MAX_GPU_BPW).sort(byQuality)[0] ??
      [...gpu].sort((a, b) => a.sizeBytes - b.sizeBytes)[0];
    if (pick)
      return {
        modelId: pick.modelId,
        reason: `${label(pick)} is the best quality that runs fully on your GPU.`,
      };
  }
  for (const badge of ['partial-gpu', 'cpu-only'] as const) {
    const group = usable.filter((f) => f.fit.badge === badge);
    const pick = group.filter((f) => f.fit.bitsPerWeight <= MAX_CPU_BPW).sort(byQuality)[0];
    if (pick) {
      const where = badge === 'partial-gpu' ? 'split between GPU and CPU' : 'on the CPU';
      return {
        modelId: pick.modelId,
        reason: `${label(pick)} balances quality and speed ${where} on this machine.`,
      };
    }
  }
  const smallest = [...usable].sort((a, b) => a.sizeBytes - b.sizeBytes)[0];
  return smallest
    ? {
        modelId: smallest.modelId,
        reason: `${label(smallest)} is the smallest file that fits this machine.`,
      }
    : null;
}

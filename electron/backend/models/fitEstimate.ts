import { GgufInsights, type GgufFileInfo, type Llama } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type { FitBadge, FitEstimate } from '../../../shared/contract/library';
import { missingRequiredKeys } from '../engine/modelPreflight';
import { formatBytes } from './utils/diskSpace';

/** The machine a model should fit on (from the engine's `getLlama()` and the OS). */
export interface FitHardware {
  gpu: 'cuda' | 'vulkan' | 'metal' | false;
  vramTotalBytes: number;
  vramFreeBytes: number;
  ramTotalBytes: number;
  ramFreeBytes: number;
  /** Apple silicon: what goes to the GPU comes out of RAM too. */
  unifiedMemory?: boolean;
  /** `process.platform`; only changes how much RAM node-llama-cpp keeps in reserve. */
  platform?: NodeJS.Platform;
}

export type { FitBadge, FitEstimate } from '../../../shared/contract/library';

export interface FitOptions {
  hardware: FitHardware;
  /** Default 4096 (or the trained length if shorter). */
  contextSize?: number;
  flashAttention?: boolean;
  /** The engine's Llama when running in its process; otherwise a backend-less one is used. */
  llama?: Llama;
}

const GiB = 1024 ** 3;

/** node-llama-cpp's default `vramPadding` and `ramPadding`, so our verdict matches its loader. */
function vramPadding(total: number): number {
  return Math.floor(Math.min(total * 0.08, 1.6 * GiB));
}

function ramPadding(total: number, platform: NodeJS.Platform): number {
  return Math.floor(Math.min(total * 0.25, (platform === 'linux' ? 1 : 6) * GiB));
}

/**
 * Estimates RAM/VRAM for a GGUF at a context size with node-llama-cpp's `GgufInsights` (from the
 * header only: works on a remote file read by range), finds how many layers fit in free VRAM and
 * gives a badge. Uses the deterministic estimators: `resolveAndScoreConfig` needs a real GPU
 * backend, and with a backend-less Llama it reported every layer as fitting in 300 MB of VRAM.
 */
export async function estimateFit(
  fileInfo: GgufFileInfo,
  options: FitOptions,
): Promise<FitEstimate> {
  const missing = missingRequiredKeys(fileInfo);
  if (missing.length > 0) {
    throw new TalariaError(
      'INVALID_INPUT',
      `This GGUF cannot be loaded: it is missing ${missing.join(', ')}.`,
    );
  }
  const { hardware } = options;
  const insights = await GgufInsights.from(fileInfo, options.llama);
  const train = insights.trainContextSize ?? null;
  const contextSize = Math.max(1, Math.min(options.contextSize ?? 4096, train ?? Infinity));
  const totalLayers = insights.totalLayers;
  const cost = (gpuLayers: number) => {
    const model = insights.estimateModelResourceRequirements({ gpuLayers });
    const context = insights.estimateContextResourceRequirements({
      contextSize,
      modelGpuLayers: gpuLayers,
      flashAttention: options.flashAttention ?? false,
    });
    const vram = model.gpuVram + context.gpuVram;
    const ram = model.cpuRam + context.cpuRam + (hardware.unifiedMemory ? vram : 0);
    return { model, context, vram, ram };
  };
  const hasGpu = hardware.gpu !== false && hardware.vramTotalBytes > 0;
  const vramBudget = hasGpu
    ? Math.max(0, hardware.vramFreeBytes - vramPadding(hardware.vramTotalBytes))
    : 0;
  const ramBudget = Math.max(
    0,
    hardware.ramTotalBytes -
      ramPadding(hardware.ramTotalBytes, hardware.platform ?? process.platform),
  );

  // VRAM need grows with the layers offloaded, so the largest fitting count is found by bisection.
  let gpuLayers = 0;
  if (hasGpu) {
    let low = 0;
    let high = totalLayers;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (cost(mid).vram <= vramBudget) low = mid;
      else high = mid - 1;
    }
    gpuLayers = cost(low).vram <= vramBudget ? low : 0;
  }
  const chosen = cost(gpuLayers);
  const fitsRam = chosen.ram <= ramBudget;
  const badge: FitBadge = !fitsRam
    ? 'too-big'
    : gpuLayers === 0
      ? 'cpu-only'
      : gpuLayers >= totalLayers
        ? 'full-gpu'
        : 'partial-gpu';
  const parameterCount = insights.totalParameters;
  const estimate: Omit<FitEstimate, 'summary'> = {
    badge,
    contextSize,
    totalLayers,
    gpuLayers,
    ramBytes: chosen.ram,
    vramBytes: chosen.vram,
    modelRamBytes: chosen.model.cpuRam,
    modelVramBytes: chosen.model.gpuVram,
    contextRamBytes: chosen.context.cpuRam,
    contextVramBytes: chosen.context.gpuVram,
    ramBudgetBytes: ramBudget,
    vramBudgetBytes: vramBudget,
    tight: fitsRam && chosen.ram > hardware.ramFreeBytes,
    modelSizeBytes: insights.modelSize,
    parameterCount,
    trainContextSize: train,
    bitsPerWeight: parameterCount > 0 ? (insights.modelSize * 8) / parameterCount : 0,
  };
  return { ...estimate, summary: summarize(estimate, hasGpu) };
}

function summarize(e: Omit<FitEstimate, 'summary'>, hasGpu: boolean): string {
  const at = `at ${e.contextSize.toLocaleString('en-US')} tokens of context`;
  switch (e.badge) {
    case 'full-gpu':
      return `Fully on the GPU ${at}: ${formatBytes(e.vramBytes)} VRAM and ${formatBytes(e.ramBytes)} RAM.`;
    case 'partial-gpu':
      return `${e.gpuLayers} of ${e.totalLayers} layers fit on the GPU ${at} (${formatBytes(e.vramBytes)} VRAM); the rest runs on the CPU with ${formatBytes(e.ramBytes)} RAM.`;
    case 'cpu-only':
      return `${hasGpu ? 'No layer fits in free VRAM; runs' : 'Runs'} on the CPU ${at} with ${formatBytes(e.ramBytes)} RAM${e.tight ? ' (more than is free now)' : ''}.`;
    default:
      return `Too big for this machine ${at}: needs ${formatBytes(e.ramBytes)} RAM, ${formatBytes(e.ramBudgetBytes)} usable.`;
  }
}

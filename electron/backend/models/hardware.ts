import { availableParallelism, freemem, totalmem } from 'node:os';
import type { Llama } from 'node-llama-cpp';
import type { HardwareInfo } from '../../../shared/contract/library';
import type { FitHardware } from './fitEstimate';

/** RAM and cores from the OS, no GPU: what we can say without asking llama.cpp. */
export function osHardware(): HardwareInfo {
  return {
    gpu: false,
    gpuNames: [],
    vramTotalBytes: 0,
    vramFreeBytes: 0,
    ramTotalBytes: totalmem(),
    ramFreeBytes: freemem(),
    unifiedMemory: false,
    cpuCores: availableParallelism(),
    platform: process.platform,
    source: 'os',
  };
}

/** The GPU llama.cpp uses (its type, names and VRAM) plus the machine's RAM. */
export async function readLlamaHardware(llama: Llama): Promise<HardwareInfo> {
  const base = osHardware();
  if (llama.gpu === false) return { ...base, source: 'engine' };
  const [vram, gpuNames] = await Promise.all([
    llama.getVramState(),
    llama.getGpuDeviceNames().catch(() => [] as string[]),
  ]);
  return {
    ...base,
    gpu: llama.gpu,
    gpuNames,
    vramTotalBytes: vram.total,
    vramFreeBytes: vram.free,
    // Apple silicon reports its whole VRAM as unified with RAM.
    unifiedMemory: vram.total > 0 && vram.unifiedSize >= vram.total * 0.5,
    source: 'engine',
  };
}

export function toFitHardware(info: HardwareInfo): FitHardware {
  return {
    gpu: info.gpu,
    vramTotalBytes: info.vramTotalBytes,
    vramFreeBytes: info.vramFreeBytes,
    ramTotalBytes: info.ramTotalBytes,
    ramFreeBytes: info.ramFreeBytes,
    unifiedMemory: info.unifiedMemory,
    platform: info.platform as NodeJS.Platform,
  };
}

/**
 * Hardware figures for fit estimates, asked of the engine at most every `ttlMs` (free VRAM and
 * RAM change as models load); when the engine cannot answer, the OS's RAM figures without a GPU.
 */
export function createHardwareSource(
  fromEngine: () => Promise<HardwareInfo>,
  ttlMs = 15_000,
  now: () => number = Date.now,
): () => Promise<HardwareInfo> {
  let cached: { at: number; value: Promise<HardwareInfo> } | null = null;
  return () => {
    if (cached && now() - cached.at < ttlMs) return cached.value;
    const value = fromEngine().catch(() => osHardware());
    cached = { at: now(), value };
    return value;
  };
}

/**
 * Hardware read by a one-off llama.cpp binding in this process, for the CLI, which runs no engine
 * process; the OS's figures when the binding cannot start.
 */
export async function detectHardware(gpu: 'auto' | false = 'auto'): Promise<HardwareInfo> {
  try {
    const { getLlama } = await import('node-llama-cpp');
    const llama = await getLlama({ gpu, build: 'never', logger: () => undefined });
    try {
      return await readLlamaHardware(llama);
    } finally {
      // Disposing can wait on native work; the figures are read, so do not wait long.
      await Promise.race([llama.dispose(), new Promise((ok) => setTimeout(ok, 2000).unref())]);
    }
  } catch {
    return osHardware();
  }
}

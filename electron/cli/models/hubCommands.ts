import type { HardwareInfo } from '../../../shared/contract/library';
import { detectHardware } from '../../backend/models/hardware';
import { DEFAULT_FIT_CONTEXT, buildRepoView } from '../../backend/models/repoView';
import { ModelLibrary } from '../../backend/models/ModelLibrary';
import { formatBytes } from '../../backend/models/utils/diskSpace';
import type { CliContext } from './cliContext';
import { formatCount, table } from './table';

const BADGES = {
  'full-gpu': 'fully on GPU',
  'partial-gpu': 'partly offloaded',
  'cpu-only': 'CPU only',
  'too-big': 'too big',
} as const;

export function hardwareLine(hw: HardwareInfo): string {
  const gpu =
    hw.gpu === false
      ? 'no GPU'
      : `${hw.gpuNames.join(', ') || hw.gpu.toUpperCase()} (${formatBytes(hw.vramFreeBytes)} of ${formatBytes(hw.vramTotalBytes)} VRAM free)`;
  return `${gpu}, ${formatBytes(hw.ramTotalBytes)} RAM, ${hw.cpuCores} cores`;
}

/** `talaria models search <query>`. */
export async function searchCommand(
  ctx: CliContext,
  query: string,
  limit: number,
): Promise<number> {
  const results = await ctx.hub.search({ query, limit });
  if (ctx.json) {
    ctx.out.write(`${JSON.stringify(results, null, 2)}\n`);
    return 0;
  }
  if (results.length === 0) {
    ctx.out.write(`No GGUF repositories match "${query}" on ${ctx.hub.endpoint.host}.\n`);
    return 0;
  }
  const rows = results.map((r) => [
    r.id,
    formatCount(r.downloads),
    formatCount(r.likes),
    r.gated ? 'gated' : '',
  ]);
  ctx.out.write(`${table(['REPO', 'DOWNLOADS', 'LIKES', ''], rows)}\n`);
  return 0;
}

/** `talaria models files <repo>`: the GGUF models with size, fit and the recommended quant. */
export async function filesCommand(
  ctx: CliContext,
  repoId: string,
  options: { contextSize?: number; fit: boolean; revision?: string },
): Promise<number> {
  const hardware = options.fit ? await detectHardware(cliGpu()) : null;
  const view = await buildRepoView(
    {
      hub: ctx.hub,
      library: new ModelLibrary({ modelsDir: ctx.modelsDir }),
      hardware: async () => hardware as HardwareInfo,
      headerCache: new Map(),
    },
    { repoId, revision: options.revision, contextSize: options.contextSize, fit: options.fit },
  );
  if (ctx.json) {
    ctx.out.write(`${JSON.stringify(view, null, 2)}\n`);
    return 0;
  }
  if (view.files.length === 0) {
    ctx.out.write(`${repoId} has no GGUF files.\n`);
    return 0;
  }
  const rows = view.files.map((f) => [
    `${f.recommended ? '* ' : '  '}${f.id}${f.split ? ` (${f.parts.length} parts)` : ''}`,
    f.quant ?? '-',
    formatBytes(f.sizeBytes),
    f.fit ? BADGES[f.fit.badge] : f.fitError ? '?' : '',
    f.fit ? formatBytes(f.fit.ramBytes) : '',
    f.fit ? formatBytes(f.fit.vramBytes) : '',
    f.fit ? `${f.fit.gpuLayers}/${f.fit.totalLayers}` : '',
    f.libraryId ? 'downloaded' : '',
  ]);
  const header = ['  FILE', 'QUANT', 'SIZE', 'FIT', 'RAM', 'VRAM', 'GPU LAYERS', ''];
  ctx.out.write(`${table(header, rows)}\n`);
  if (hardware) {
    const ctxSize = (options.contextSize ?? DEFAULT_FIT_CONTEXT).toLocaleString('en-US');
    ctx.out.write(
      `\nFit at ${ctxSize} tokens of context on this machine: ${hardwareLine(hardware)}.\n`,
    );
  }
  if (view.recommended) ctx.out.write(`* Recommended: ${view.recommended.reason}\n`);
  for (const f of view.files.filter((file) => file.fitError && file.role === 'model')) {
    ctx.out.write(`  ${f.id}: no estimate (${f.fitError})\n`);
  }
  return 0;
}

/** The engine's GPU switch (TALARIA_GPU=off), so the CLI's estimate matches what loads. */
export function cliGpu(): 'auto' | false {
  return process.env.TALARIA_GPU === 'off' ? false : 'auto';
}

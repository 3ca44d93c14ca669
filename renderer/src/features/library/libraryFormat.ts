import type {
  DownloadJobInfo,
  DownloadState,
  FitBadge,
  FitEstimate,
  HardwareInfo,
} from '../../../../shared/contract/library';
import { formatBytes } from '../../components/format';

export const FIT_LABELS: Record<FitBadge, string> = {
  'full-gpu': 'Fully on GPU',
  'partial-gpu': 'Partly offloaded',
  'cpu-only': 'CPU only',
  'too-big': 'Too big',
};

/** Badge colours: the verdict is readable at a glance in both themes. */
export const FIT_CLASSES: Record<FitBadge, string> = {
  'full-gpu': 'border-ok/40 bg-ok/10 text-ok',
  'partial-gpu': 'border-accent/40 bg-accent-soft text-accent-text',
  'cpu-only': 'border-warn/40 bg-warn-soft text-warn',
  'too-big': 'border-danger/40 bg-danger-soft text-danger',
};

export const STATE_LABELS: Record<DownloadState, string> = {
  queued: 'Queued',
  downloading: 'Downloading',
  verifying: 'Verifying',
  paused: 'Paused',
  completed: 'In library',
  error: 'Failed',
  cancelled: 'Cancelled',
};

/** Jobs that still need attention (shown in the nav badge and at the top of the list). */
export function isActive(job: DownloadJobInfo): boolean {
  return job.state === 'queued' || job.state === 'downloading' || job.state === 'verifying';
}

export function percentOf(job: DownloadJobInfo): number {
  if (job.totalBytes <= 0) return 0;
  return Math.min(100, Math.floor((job.receivedBytes / job.totalBytes) * 100));
}

/** "2 min left", "45 s left", "1 h 5 min left"; empty when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  const hours = Math.floor(seconds / 3600);
  return `${hours} h ${Math.round((seconds % 3600) / 60)} min left`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '';
}

/** "1.9 GB of 4.6 GB · 41% · 12.3 MB/s · 3 min left" (the parts that are known). */
export function progressLine(job: DownloadJobInfo): string {
  const parts = [
    `${formatBytes(job.receivedBytes)} of ${formatBytes(job.totalBytes)}`,
    `${percentOf(job)}%`,
  ];
  if (job.state === 'downloading') {
    const speed = formatSpeed(job.speedBps);
    const eta = formatEta(job.etaSeconds);
    if (speed) parts.push(speed);
    if (eta) parts.push(eta);
  }
  return parts.join(' · ');
}

/** 3.2B, 70.6B, 494M. */
export function formatParams(count: number | null | undefined): string {
  if (!count || count <= 0) return '—';
  if (count >= 1e9) return `${(count / 1e9).toFixed(count >= 1e11 ? 0 : 1)}B`;
  if (count >= 1e6) return `${Math.round(count / 1e6)}M`;
  return `${Math.round(count / 1e3)}K`;
}

/** 131072 → "128K", 8192 → "8K", 1000 → "1,000". */
export function formatContext(tokens: number | null | undefined): string {
  if (!tokens) return '—';
  if (tokens >= 1024 && tokens % 1024 === 0) return `${tokens / 1024}K`;
  return tokens.toLocaleString('en-US');
}

export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/** "No GPU · 22.4 GB RAM · 8 cores" or "NVIDIA RTX 4090 · 22.1 GB of 24 GB VRAM free · …". */
export function hardwareLine(hw: HardwareInfo): string {
  const ram = `${formatBytes(hw.ramTotalBytes)} RAM`;
  const cores = `${hw.cpuCores} cores`;
  if (hw.gpu === false) {
    return [hw.source === 'os' ? 'GPU not detected' : 'No GPU', ram, cores].join(' · ');
  }
  const name = hw.gpuNames.join(', ') || hw.gpu.toUpperCase();
  const vram = `${formatBytes(hw.vramFreeBytes)} of ${formatBytes(hw.vramTotalBytes)} VRAM free`;
  return [name, vram, ram, cores].join(' · ');
}

/** The repo's part before the slash, and the name after it. */
export function splitRepoId(repoId: string): { owner: string; name: string } {
  const [owner = '', name = repoId] = repoId.split('/');
  return { owner, name };
}

/** The verdict in one sentence, with this UI's units. */
export function fitSentence(fit: FitEstimate, hasGpu: boolean): string {
  const at = `at ${fit.contextSize.toLocaleString('en-US')} tokens of context`;
  switch (fit.badge) {
    case 'full-gpu':
      return `Every layer fits on the GPU ${at}: ${formatBytes(fit.vramBytes)} of VRAM and ${formatBytes(fit.ramBytes)} of RAM.`;
    case 'partial-gpu':
      return `${fit.gpuLayers} of ${fit.totalLayers} layers fit on the GPU ${at}; the rest run on the CPU.`;
    case 'cpu-only':
      return `${hasGpu ? 'No layer fits in free VRAM, so it runs' : 'Runs'} on the CPU ${at}, using ${formatBytes(fit.ramBytes)} of RAM${fit.tight ? ' (more than is free right now)' : ''}.`;
    default:
      return `Too big for this machine ${at}: it needs ${formatBytes(fit.ramBytes)} of RAM and ${formatBytes(fit.ramBudgetBytes)} is usable.`;
  }
}

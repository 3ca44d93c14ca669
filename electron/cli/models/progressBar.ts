import type { DownloadJobInfo } from '../../../shared/contract/library';
import { formatBytes } from '../../backend/models/utils/diskSpace';

export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))}s`;
  if (seconds < 3600)
    return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** "12.3 MB / 27.1 MB  45%  3.2 MB/s  ETA 5s" for one job. */
export function progressFigures(job: DownloadJobInfo): string {
  const percent = job.totalBytes > 0 ? Math.floor((job.receivedBytes / job.totalBytes) * 100) : 0;
  const speed = job.speedBps > 0 ? `${formatBytes(job.speedBps)}/s` : '-- B/s';
  return `${formatBytes(job.receivedBytes)} / ${formatBytes(job.totalBytes)}  ${percent}%  ${speed}  ETA ${formatEta(job.etaSeconds)}`;
}

const PLAIN_INTERVAL_MS = 1000;

/**
 * Draws a download's progress: a bar redrawn in place on a terminal, or plain lines (at most one
 * a second, plus every state change) when the output is a pipe or a file.
 */
export class ProgressBar {
  private lastLineAt = 0;
  private drawn = false;
  private lastState: string | null = null;

  constructor(
    private readonly out: ProgressOutput,
    private readonly now: () => number = Date.now,
  ) {}

  update(job: DownloadJobInfo): void {
    const stateChanged = job.state !== this.lastState;
    this.lastState = job.state;
    if (this.out.isTTY) {
      this.draw(job);
      return;
    }
    const due = this.now() - this.lastLineAt >= PLAIN_INTERVAL_MS;
    if (!stateChanged && !due) return;
    this.lastLineAt = this.now();
    this.out.write(`${job.state.padEnd(11)} ${progressFigures(job)}\n`);
  }

  /** Ends the in-place line so later output starts on a fresh one. */
  finish(): void {
    if (this.out.isTTY && this.drawn) this.out.write('\n');
    this.drawn = false;
  }

  private draw(job: DownloadJobInfo): void {
    const figures = progressFigures(job);
    const label = job.state === 'downloading' ? '' : ` ${job.state}`;
    const width = Math.max(
      10,
      Math.min(40, (this.out.columns ?? 80) - figures.length - label.length - 4),
    );
    const ratio = job.totalBytes > 0 ? Math.min(1, job.receivedBytes / job.totalBytes) : 0;
    const full = Math.round(ratio * width);
    const bar = `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
    this.out.write(`\r\x1b[2K[${bar}] ${figures}${label}`);
    this.drawn = true;
  }
}

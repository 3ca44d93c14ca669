/** Display formatting shared by the sidebar, the messages and the status bar. */

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

export function formatTokensPerSecond(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} tok/s`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Short relative time for lists: "now", "5m", "3h", "Yesterday", a weekday, or a date. */
export function relativeTime(then: number, now: number): string {
  const diff = now - then;
  if (diff < MINUTE) return 'now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  const a = new Date(then);
  const b = new Date(now);
  const startOfToday = new Date(b.getFullYear(), b.getMonth(), b.getDate()).getTime();
  if (then >= startOfToday) return `${Math.floor(diff / HOUR)}h`;
  if (then >= startOfToday - DAY) return 'Yesterday';
  if (then >= startOfToday - 6 * DAY) return a.toLocaleDateString(undefined, { weekday: 'short' });
  const sameYear = a.getFullYear() === b.getFullYear();
  return a.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** The file name of a path with either separator. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** The folder part of a path with either separator. */
export function dirName(path: string): string {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index <= 0 ? path.slice(0, index + 1) : path.slice(0, index);
}

/** A one-line preview without markdown syntax noise (emphasis marks, headings, code fences). */
export function plainPreview(text: string): string {
  return text
    .replace(/```[\w-]*/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|\s)#{1,6}\s+/g, '$1')
    .replace(/[*_~`>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

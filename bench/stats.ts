export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** One streamed reply as a benchmark sees it. */
export interface Run {
  ttftMs: number;
  tokensPerSecond: number;
  tokens: number;
}

/** The prompts the decode benchmarks send, in order. */
export const PROMPTS = [
  'Explain how a lighthouse lens focuses light.',
  'Write a short poem about the sea at night.',
  'List three facts about the planet Mars.',
  'Describe the smell of rain in a forest.',
  'What makes a good cup of tea?',
];

import { describe, expect, it } from 'vitest';
import {
  dirName,
  fileName,
  formatBytes,
  formatMs,
  formatTokensPerSecond,
  plainPreview,
  relativeTime,
} from './format';

describe('formatBytes', () => {
  it('picks a readable unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(4.7 * 1024 ** 3)).toBe('4.7 GB');
    expect(formatBytes(null)).toBe('—');
  });
});

describe('formatTokensPerSecond and formatMs', () => {
  it('rounds for a status line', () => {
    expect(formatTokensPerSecond(12.345)).toBe('12.3 tok/s');
    expect(formatTokensPerSecond(null)).toBe('—');
    expect(formatMs(240.4)).toBe('240 ms');
    expect(formatMs(1520)).toBe('1.52 s');
  });
});

describe('relativeTime', () => {
  const now = new Date(2025, 5, 18, 15, 0, 0).getTime();
  it('is short for recent times', () => {
    expect(relativeTime(now - 10_000, now)).toBe('now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5m');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3h');
  });
  it('names yesterday and falls back to a date', () => {
    expect(relativeTime(new Date(2025, 5, 17, 9).getTime(), now)).toBe('Yesterday');
    expect(relativeTime(new Date(2025, 0, 2).getTime(), now)).not.toMatch(/^\d+[mh]$/);
  });
});

describe('fileName and dirName', () => {
  it('handle both separators', () => {
    expect(fileName('/models/hermes/Hermes-3.gguf')).toBe('Hermes-3.gguf');
    expect(fileName('C:\\m\\x.gguf')).toBe('x.gguf');
    expect(dirName('/models/hermes/Hermes-3.gguf')).toBe('/models/hermes');
    expect(dirName('/x.gguf')).toBe('/');
  });
});

describe('plainPreview', () => {
  it('drops markdown syntax but keeps the words', () => {
    expect(plainPreview('**Day 1** — see [the map](https://x.y) and `code`')).toBe(
      'Day 1 — see the map and code',
    );
    expect(plainPreview('## Title\n```ts\nconst a = 1;\n```')).toBe('Title const a = 1;');
  });
});

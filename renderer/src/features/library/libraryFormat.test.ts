import { describe, expect, it } from 'vitest';
import type { DownloadJobInfo } from '../../../../shared/contract/library';
import { formatContext, formatEta, formatParams, percentOf, progressLine } from './libraryFormat';

const job = (patch: Partial<DownloadJobInfo>): DownloadJobInfo => ({
  id: 'j',
  repoId: 'a/b',
  revision: 'main',
  modelFile: 'm.gguf',
  files: [],
  state: 'downloading',
  totalBytes: 4 * 1024 ** 3,
  receivedBytes: 1024 ** 3,
  speedBps: 10 * 1024 ** 2,
  etaSeconds: 300,
  error: null,
  libraryPath: null,
  stats: { resumedBytes: 0, downloadedBytes: 0, retries: 0, verifyMs: 0, restartedFiles: 0 },
  createdAt: 0,
  updatedAt: 0,
  ...patch,
});

describe('library formatting', () => {
  it('says bytes, percent, speed and time left while downloading', () => {
    expect(progressLine(job({}))).toBe('1.0 GB of 4.0 GB · 25% · 10.0 MB/s · 5 min left');
    expect(progressLine(job({ state: 'paused' }))).toBe('1.0 GB of 4.0 GB · 25%');
    expect(percentOf(job({ totalBytes: 0 }))).toBe(0);
  });

  it('formats time left, parameters and context lengths', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(12.4)).toBe('12 s left');
    expect(formatEta(3 * 3600 + 600)).toBe('3 h 10 min left');
    expect(formatParams(3_212_749_824)).toBe('3.2B');
    expect(formatParams(405e9)).toBe('405B');
    expect(formatParams(null)).toBe('—');
    expect(formatContext(131072)).toBe('128K');
    expect(formatContext(1000)).toBe('1,000');
  });
});

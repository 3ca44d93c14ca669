import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Clock } from './clock';

/**
 * A fresh real folder per test, removed afterwards. Call at the top of a describe block; the
 * returned function gives the current test's folder.
 */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talaria-store-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** A clock that moves forward one millisecond per call, so every write has its own time. */
export function steppingClock(start = 1_700_000_000_000): Clock & { set(t: number): void } {
  let t = start;
  const clock = (() => t++) as Clock & { set(t: number): void };
  clock.set = (value: number) => {
    t = value;
  };
  return clock;
}

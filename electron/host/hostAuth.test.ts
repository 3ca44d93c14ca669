import { describe, expect, it } from 'vitest';
import { estimateTokenBits, resolveHostToken, WeakTokenError } from './hostAuth';

describe('host token strength', () => {
  it('refuses an empty, short or repetitive token with a message naming the 128-bit floor', () => {
    for (const weak of ['', 'x', 'hunter2', 'a3f09c21b7e45d68', 'ab'.repeat(40), 'a'.repeat(200)]) {
      expect(() => resolveHostToken(weak)).toThrow(WeakTokenError);
    }
    expect(() => resolveHostToken('')).toThrow(/empty/);
    expect(() => resolveHostToken('x')).toThrow(/at least 128 bits/);
  });

  it('accepts what `openssl rand -hex 16` and base64url secrets give, and makes one when unset', () => {
    expect(estimateTokenBits('9f86d081884c7d659a2feaa0c55ad015')).toBeGreaterThanOrEqual(128);
    expect(resolveHostToken('Uy7xFegYpyC-_AbYp3AMhgZk')).toBe('Uy7xFegYpyC-_AbYp3AMhgZk');
    const generated = resolveHostToken(undefined);
    expect(estimateTokenBits(generated)).toBeGreaterThanOrEqual(128);
    expect(resolveHostToken(undefined)).not.toBe(generated);
  });
});

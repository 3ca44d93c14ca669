import { describe, expect, it } from 'vitest';
import { estimateTokens, longInputWarning } from './longInput';

describe('over-long input warning', () => {
  it('warns about a 200 KB message in an 8,192-token context, in words', () => {
    const text = 'word '.repeat(40_000);
    expect(longInputWarning(text, 8192)).toBe(
      'About 48,000 tokens; the context holds 8,192. The model would see only part of it — shorten it, or load the model with a larger context.',
    );
  });

  it('says nothing when the message fits or no model is loaded', () => {
    expect(longInputWarning('hello there', 8192)).toBeNull();
    expect(longInputWarning('x'.repeat(20_000), 8192)).toBeNull();
    expect(longInputWarning('x'.repeat(200_000), null)).toBeNull();
    expect(estimateTokens('x'.repeat(42))).toBe(10);
  });
});

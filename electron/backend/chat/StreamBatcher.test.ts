import { describe, expect, it } from 'vitest';
import { StreamBatcher } from './StreamBatcher';

function collect(options: { intervalMs?: number; maxChars?: number } = {}) {
  const out: { text: string; seq: number; tokens: number }[] = [];
  const batcher = new StreamBatcher({
    ...options,
    flush: (text, seq, tokens) => out.push({ text, seq, tokens }),
  });
  return { batcher, out };
}

describe('StreamBatcher', () => {
  it('sends the first chunk at once and batches the rest', async () => {
    const { batcher, out } = collect({ intervalMs: 20 });
    batcher.push('Hel', 1);
    expect(out).toEqual([{ text: 'Hel', seq: 1, tokens: 1 }]);
    batcher.push('lo', 2);
    batcher.push(' world', 3);
    expect(out).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 40));
    expect(out).toEqual([
      { text: 'Hel', seq: 1, tokens: 1 },
      { text: 'lo world', seq: 2, tokens: 3 },
    ]);
  });

  it('flushes early when the buffer reaches maxChars', () => {
    const { batcher, out } = collect({ intervalMs: 10_000, maxChars: 4 });
    batcher.push('a', 1);
    batcher.push('bc', 2);
    expect(out).toHaveLength(1);
    batcher.push('de', 3);
    expect(out.map((d) => d.text)).toEqual(['a', 'bcde']);
    batcher.dispose();
  });

  it('flush() empties the buffer before done, keeping seq consecutive', () => {
    const { batcher, out } = collect({ intervalMs: 10_000 });
    batcher.push('x', 1);
    batcher.push('y', 2);
    batcher.flush();
    batcher.flush();
    expect(out.map((d) => d.seq)).toEqual([1, 2]);
    expect(batcher.lastSeq).toBe(2);
    expect(out.map((d) => d.text).join('')).toBe('xy');
  });
});

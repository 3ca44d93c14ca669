import { describe, expect, it } from 'vitest';
import { makePreview, parseJson, parseSampling } from './rows';

describe('row helpers', () => {
  it('parseJson returns the fallback for anything unreadable', () => {
    expect(parseJson('{"a":1}', {})).toEqual({ a: 1 });
    expect(parseJson('{a:1}', 'fallback')).toBe('fallback');
    expect(parseJson(null, 7)).toBe(7);
    expect(parseJson(Buffer.from('1'), 7)).toBe(7);
  });

  it('parseSampling keeps only finite numbers and a nullable seed', () => {
    expect(parseSampling('[1,2]')).toEqual({});
    expect(parseSampling('null')).toEqual({});
    expect(
      parseSampling('{"temperature":0.7,"topK":"40","maxTokens":null,"seed":null,"x":1}'),
    ).toEqual({ temperature: 0.7, seed: null });
  });

  it('makePreview collapses whitespace and cuts on whole characters', () => {
    expect(makePreview(null)).toBe('');
    expect(makePreview('  a\n\tb  ')).toBe('a b');
    expect(makePreview('x'.repeat(120))).toBe('x'.repeat(120));
    const emoji = '😀'.repeat(130);
    expect(makePreview(emoji)).toBe(`${'😀'.repeat(120)}…`);
  });
});

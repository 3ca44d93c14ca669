import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, toFtsQuery } from './ftsQuery';

describe('toFtsQuery', () => {
  it('quotes every word and ANDs them', () => {
    expect(toFtsQuery('python  error')).toBe('"python" "error"');
  });

  it('keeps a trailing star as a prefix search, on words and phrases', () => {
    expect(toFtsQuery('temp*')).toBe('"temp"*');
    expect(toFtsQuery('"return val"*')).toBe('"return val"*');
    expect(toFtsQuery('foo**')).toBe('"foo"*');
  });

  it('treats a one-character prefix as a word (it would match nearly everything)', () => {
    expect(toFtsQuery('t*')).toBe('"t"');
    expect(toFtsQuery('th*')).toBe('"th"*');
  });

  it('turns balanced quotes into a phrase and ignores an unbalanced quote', () => {
    expect(toFtsQuery('"return value" code')).toBe('"return value" "code"');
    expect(toFtsQuery('say "hello')).toBe('"say" "hello"');
  });

  it('makes operators, column filters and punctuation plain text', () => {
    expect(toFtsQuery('cats AND( dogs')).toBe('"cats" "AND(" "dogs"');
    expect(toFtsQuery('NEAR(a b) OR NOT x')).toBe('"NEAR(a" "b)" "OR" "NOT" "x"');
    expect(toFtsQuery('content:secret')).toBe('"content:secret"');
    expect(toFtsQuery('-foo ^bar')).toBe('"-foo" "^bar"');
  });

  it('returns null when nothing searchable is left', () => {
    for (const input of ['', '   ', '"', '""', '*', '-', '(', ')', '" * "', '^', ':', '...']) {
      expect(toFtsQuery(input), JSON.stringify(input)).toBeNull();
    }
  });

  it('accepts non-Latin words and caps the number of terms', () => {
    expect(toFtsQuery('café Straße 東京')).toBe('"café" "Straße" "東京"');
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(toFtsQuery(many)?.split(' ')).toHaveLength(MAX_QUERY_TERMS);
  });
});

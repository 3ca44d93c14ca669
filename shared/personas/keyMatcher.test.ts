import { describe, expect, it } from 'vitest';
import { compileKey, parseRegexLiteral } from './keyMatcher';

const plain = { caseSensitive: false, wholeWords: false, useRegex: false };
function matches(key: string, haystack: string, options = plain): boolean {
  const compiled = compileKey(key, options);
  if (compiled === null || !compiled.ok) throw new Error(`key ${key} did not compile`);
  return compiled.test(haystack);
}

describe('parseRegexLiteral', () => {
  it.each([
    ['/abc/i', { pattern: 'abc', flags: 'i' }],
    ['/a\\/b/', { pattern: 'a/b', flags: '' }],
    ['/a\\/b\\/c/', { pattern: 'a/b/c', flags: '' }],
    ['/usr/bin/', null],
    ['abc', null],
    ['//', null],
  ])('%s', (key, expected) => {
    expect(parseRegexLiteral(key)).toEqual(expected);
  });
});

describe('compileKey', () => {
  it('ignores blank keys', () => {
    expect(compileKey('   ', plain)).toBeNull();
  });

  it('trims keys and folds case', () => {
    expect(matches('  Wolf ', 'a WOLF howls')).toBe(true);
    expect(matches('Wolf', 'a wolf', { ...plain, caseSensitive: true })).toBe(false);
  });

  it('lets regex keys carry their own case and boundaries', () => {
    expect(matches('/Wolf/', 'a wolf', { ...plain, wholeWords: true })).toBe(false);
    expect(matches('/wolf/', 'werewolfs', { ...plain, wholeWords: true })).toBe(true);
    expect(matches('wol.', 'a WOLF', { ...plain, useRegex: true })).toBe(true);
    expect(
      matches('wol.', 'a WOLF', { caseSensitive: true, wholeWords: false, useRegex: true }),
    ).toBe(false);
  });

  it('reports bad patterns instead of throwing', () => {
    for (const key of ['/(/', '/a/q', '/(x+)*y/', `/${'a'.repeat(1001)}/`]) {
      const compiled = compileKey(key, plain);
      expect(compiled?.ok, key).toBe(false);
    }
    expect(compileKey('(', { ...plain, useRegex: true })?.ok).toBe(false);
  });

  it('treats regex syntax in plain keys literally, also for whole words', () => {
    expect(matches('c++', 'I write C++ daily', { ...plain, wholeWords: true })).toBe(true);
    expect(matches('a.b', 'axb')).toBe(false);
    expect(matches('(x)', 'say (x) now', { ...plain, wholeWords: true })).toBe(true);
  });
});

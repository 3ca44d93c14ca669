import { describe, expect, it } from 'vitest';
import { loadGoldens } from './fixtures/loadFixtures';
import { pyFloatRepr, pyJsonDumps, pyStrip } from './index';

const goldens = loadGoldens();

describe('pyJsonDumps equals Python json.dumps (goldens)', () => {
  it('covers at least 25 values', () => {
    expect(goldens.dumps.length).toBeGreaterThanOrEqual(25);
  });

  goldens.dumps.forEach(({ value, ensureAsciiFalse, ensureAsciiTrue }, i) => {
    it(`value #${i}: ${ensureAsciiFalse.slice(0, 40)}`, () => {
      expect(pyJsonDumps(value)).toBe(ensureAsciiFalse);
      expect(pyJsonDumps(value, { ensureAscii: true })).toBe(ensureAsciiTrue);
    });
  });
});

describe('pyFloatRepr', () => {
  it.each([
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e300, '1.5e+300'],
    [1e16, '1e+16'],
    [123.0000001, '123.0000001'],
    [-1e-10, '-1e-10'],
  ])('%s -> %s', (n, text) => {
    expect(pyFloatRepr(n)).toBe(text);
  });

  it('prints integers beyond 2^53 as floats, like the Python float they must have been', () => {
    expect(pyJsonDumps(2 ** 60)).toBe('1.152921504606847e+18');
    expect(pyJsonDumps(-0)).toBe('0');
  });

  it('writes NaN and infinities the way allow_nan=True does and skips undefined members', () => {
    expect(pyJsonDumps([NaN, Infinity, -Infinity])).toBe('[NaN, Infinity, -Infinity]');
    expect(pyJsonDumps({ a: undefined, b: 1 })).toBe('{"b": 1}');
  });
});

describe('pyStrip', () => {
  it('strips what Python strips, not what JS trims', () => {
    expect(pyStrip('\x1c\x1f x \x85')).toBe('x');
    expect(pyStrip('\ufeffx\ufeff')).toBe('\ufeffx\ufeff');
    expect(pyStrip('\u3000\u00a0x\u2028')).toBe('x');
  });
});

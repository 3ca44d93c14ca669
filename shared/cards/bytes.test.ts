import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, decodeBase64, decodeUtf8, encodeBase64, encodeUtf8 } from './bytes';

function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('base64', () => {
  it('matches Node for every length from 0 to 64 and for a large buffer', () => {
    for (let n = 0; n <= 64; n++) {
      const bytes = randomBytes(n, n + 1);
      const expected = Buffer.from(bytes).toString('base64');
      expect(encodeBase64(bytes)).toBe(expected);
      expect(Array.from(decodeBase64(expected, 'x'))).toEqual(Array.from(bytes));
    }
    const big = randomBytes(300_001, 7);
    const text = encodeBase64(big);
    expect(text).toBe(Buffer.from(big).toString('base64'));
    expect(Buffer.from(decodeBase64(text, 'x')).equals(Buffer.from(big))).toBe(true);
  });

  it('accepts line breaks, missing padding and the URL-safe alphabet', () => {
    const bytes = randomBytes(40, 3);
    const standard = Buffer.from(bytes).toString('base64');
    const wrapped = standard.replace(/(.{16})/g, '$1\r\n');
    const urlSafe = Buffer.from(bytes).toString('base64url');
    for (const text of [wrapped, urlSafe, standard.replace(/=+$/, '')]) {
      expect(Array.from(decodeBase64(text, 'x'))).toEqual(Array.from(bytes));
    }
  });

  it('rejects foreign characters and impossible lengths with INVALID_INPUT', () => {
    for (const text of ['abc$', 'a', 'ab=c', 'abcde===', 'é123']) {
      expect(() => decodeBase64(text, 'The chunk')).toThrowError(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: expect.stringMatching(/base64/),
        }),
      );
    }
  });
});

describe('crc32', () => {
  it('gives the standard check value and agrees with zlib', () => {
    expect(crc32(encodeUtf8('123456789'))).toBe(0xcbf43926);
    for (const n of [0, 1, 13, 1000, 65_537]) {
      const bytes = randomBytes(n, n + 11);
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });
});

describe('utf8', () => {
  it('round-trips non-ASCII text and rejects malformed bytes', () => {
    const text = 'Séraphina — 森の守護者 🌸';
    expect(decodeUtf8(encodeUtf8(text), 'x')).toBe(text);
    expect(() => decodeUtf8(new Uint8Array([0x7b, 0xc3, 0x28]), 'The chunk')).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: 'The chunk is not valid UTF-8 text.',
      }),
    );
  });
});

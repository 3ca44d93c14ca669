import { TalariaError } from '../contract/errors';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// 255 marks a byte that is not part of the alphabet; URL-safe '-' and '_' are accepted on read
// because some card tools write them.
const BASE64_LOOKUP: Uint8Array = (() => {
  const table = new Uint8Array(256).fill(255);
  for (let i = 0; i < BASE64_ALPHABET.length; i++) table[BASE64_ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

const BASE64_CODES = new TextEncoder().encode(BASE64_ALPHABET);
const PAD = '='.charCodeAt(0);

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as used by PNG and zlib) of `bytes`, continuing from `previous`. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function encodeBase64(bytes: Uint8Array): string {
  // Writing ASCII codes into a byte array and decoding once is far faster than string building.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const codes = BASE64_CODES;
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = codes[n >>> 18] as number;
    out[o++] = codes[(n >>> 12) & 63] as number;
    out[o++] = codes[(n >>> 6) & 63] as number;
    out[o++] = codes[n & 63] as number;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = codes[n >>> 18] as number;
    out[o++] = codes[(n >>> 12) & 63] as number;
    out[o++] = rest === 2 ? (codes[(n >>> 6) & 63] as number) : PAD;
    out[o++] = PAD;
  }
  return new TextDecoder().decode(out);
}

/**
 * Strict base64 decoding (standard or URL-safe alphabet, optional padding, whitespace ignored).
 * `what` names the input in the error message.
 */
export function decodeBase64(text: string, what: string): Uint8Array {
  const clean = text.replace(/[\s]+/g, '');
  const unpadded = clean.replace(/={1,2}$/, '');
  if (unpadded.length % 4 === 1 || (clean.length !== unpadded.length && clean.length % 4 !== 0)) {
    throw new TalariaError('INVALID_INPUT', `${what} is not valid base64 (bad length).`);
  }
  const out = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < unpadded.length; i++) {
    const code = unpadded.charCodeAt(i);
    const value = code < 256 ? (BASE64_LOOKUP[code] as number) : 255;
    if (value === 255) {
      throw new TalariaError(
        'INVALID_INPUT',
        `${what} is not valid base64 (unexpected character ${JSON.stringify(unpadded[i])} at position ${i}).`,
      );
    }
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Decodes UTF-8, rejecting malformed sequences; a leading byte-order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TalariaError('INVALID_INPUT', `${what} is not valid UTF-8 text.`);
  }
}

/** PNG tEXt keywords and text are Latin-1: one byte per character. */
export function decodeLatin1(bytes: Uint8Array): string {
  // Card chunks are base64, pure ASCII, where UTF-8 decoding gives the same characters fast.
  if (bytes.every((b) => b < 0x80)) return new TextDecoder().decode(bytes);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  }
  return parts.join('');
}

/** Returns null when `text` holds a character outside Latin-1. */
export function encodeLatin1(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 255) return null;
    out[i] = code;
  }
  return out;
}

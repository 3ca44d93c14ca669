import { TalariaError } from '../contract/errors';
import { crc32, decodeLatin1, encodeLatin1 } from './bytes';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const MAX_CHUNK_LENGTH = 0x7fffffff;
const TEXT_CHUNK_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

/** One chunk of a PNG file; `data` is a view into the original bytes. */
export interface PngChunk {
  type: string;
  data: Uint8Array;
  /** Byte offset of the chunk's length field in the file. */
  offset: number;
  /** Total size of the chunk in the file: length + type + data + CRC. */
  size: number;
}

/** A decoded tEXt chunk. */
export interface PngTextChunk {
  keyword: string;
  text: string;
}

/** True when `bytes` starts with the 8-byte PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** True when `bytes` starts like a PNG ("\x89PNG") even if the rest of the signature is damaged. */
export function looksLikePng(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && PNG_SIGNATURE.slice(0, 4).every((b, i) => bytes[i] === b);
}

function invalid(message: string): TalariaError {
  return new TalariaError('INVALID_INPUT', `Malformed PNG: ${message}`);
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] as number) << 24) |
      ((bytes[offset + 1] as number) << 16) |
      ((bytes[offset + 2] as number) << 8) |
      (bytes[offset + 3] as number)) >>>
    0
  );
}

function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

function isChunkTypeByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/**
 * Splits a PNG into its chunks, up to and including IEND, checking the signature, every
 * chunk's bounds and CRC, that IHDR comes first and that IEND is present. Bytes after IEND
 * are ignored. Throws INVALID_INPUT naming the first problem found.
 */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  if (!isPng(png)) throw invalid('the file does not start with the PNG signature.');
  const chunks: PngChunk[] = [];
  let offset: number = PNG_SIGNATURE.length;
  for (;;) {
    if (offset + 8 > png.length) {
      throw invalid(
        chunks.length === 0
          ? 'the file ends right after the signature.'
          : `the file is truncated after the '${chunks[chunks.length - 1]?.type}' chunk (no IEND chunk).`,
      );
    }
    const length = readUint32(png, offset);
    const typeBytes = png.subarray(offset + 4, offset + 8);
    if (!typeBytes.every(isChunkTypeByte)) {
      throw invalid(`invalid chunk type at byte ${offset + 4}.`);
    }
    const type = decodeLatin1(typeBytes);
    if (length > MAX_CHUNK_LENGTH) {
      throw invalid(`chunk '${type}' at byte ${offset} declares an impossible length ${length}.`);
    }
    const end = offset + 12 + length;
    if (end > png.length) {
      throw invalid(
        `chunk '${type}' at byte ${offset} is truncated: it declares ${length} data bytes but ` +
          `only ${Math.max(0, png.length - offset - 12)} remain.`,
      );
    }
    const data = png.subarray(offset + 8, offset + 8 + length);
    const stored = readUint32(png, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== stored) {
      throw invalid(`chunk '${type}' at byte ${offset} has a bad CRC (the file is corrupted).`);
    }
    if (chunks.length === 0 && type !== 'IHDR') {
      throw invalid(`the first chunk is '${type}', expected 'IHDR'.`);
    }
    chunks.push({ type, data, offset, size: 12 + length });
    offset = end;
    if (type === 'IEND') return chunks;
  }
}

/** The keyword of a tEXt/zTXt/iTXt chunk (the Latin-1 bytes before the first NUL). */
function textKeyword(chunk: PngChunk): string | null {
  if (!TEXT_CHUNK_TYPES.has(chunk.type)) return null;
  const nul = chunk.data.indexOf(0);
  return nul < 0 ? null : decodeLatin1(chunk.data.subarray(0, nul));
}

/** All tEXt chunks of a (validated) PNG, in file order. */
export function readPngTextChunks(png: Uint8Array): PngTextChunk[] {
  const result: PngTextChunk[] = [];
  for (const chunk of readPngChunks(png)) {
    if (chunk.type !== 'tEXt') continue;
    const nul = chunk.data.indexOf(0);
    if (nul < 0) continue;
    result.push({
      keyword: decodeLatin1(chunk.data.subarray(0, nul)),
      text: decodeLatin1(chunk.data.subarray(nul + 1)),
    });
  }
  return result;
}

function buildChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeUint32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeUint32(out, 8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Builds a complete tEXt chunk (length, type, data, CRC). Keyword and text must be Latin-1. */
export function buildTextChunk(keyword: string, text: string): Uint8Array {
  const key = encodeLatin1(keyword);
  const value = encodeLatin1(text);
  if (!key || key.length < 1 || key.length > 79 || key.includes(0)) {
    throw new TalariaError('INVALID_INPUT', `Invalid PNG text keyword ${JSON.stringify(keyword)}.`);
  }
  if (!value) {
    throw new TalariaError('INVALID_INPUT', `PNG tEXt chunk '${keyword}' must be Latin-1 text.`);
  }
  const data = new Uint8Array(key.length + 1 + value.length);
  data.set(key, 0);
  data.set(value, key.length + 1);
  return buildChunk('tEXt', data);
}

/**
 * Returns a copy of `png` in which every text chunk (tEXt, zTXt, iTXt) whose keyword matches one
 * of `entries` (case-insensitively) is removed and the new tEXt chunks are inserted, in order,
 * just before IEND. All other chunks are copied byte for byte.
 */
export function replacePngTextChunks(png: Uint8Array, entries: PngTextChunk[]): Uint8Array {
  const chunks = readPngChunks(png);
  const replaced = new Set(entries.map((e) => e.keyword.toLowerCase()));
  const added = entries.map((e) => buildTextChunk(e.keyword, e.text));
  const kept = chunks.filter((chunk) => {
    const keyword = textKeyword(chunk);
    return keyword === null || !replaced.has(keyword.toLowerCase());
  });
  const total =
    PNG_SIGNATURE.length +
    kept.reduce((sum, c) => sum + c.size, 0) +
    added.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(total);
  out.set(PNG_SIGNATURE, 0);
  let offset: number = PNG_SIGNATURE.length;
  for (const chunk of kept) {
    if (chunk.type === 'IEND') {
      for (const extra of added) {
        out.set(extra, offset);
        offset += extra.length;
      }
    }
    out.set(png.subarray(chunk.offset, chunk.offset + chunk.size), offset);
    offset += chunk.size;
  }
  return out;
}

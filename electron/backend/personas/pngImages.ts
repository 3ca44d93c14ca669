import { deflateSync } from 'node:zlib';
import { crc32 } from '../../../shared/cards/bytes';
import { readPngChunks } from '../../../shared/cards';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CARD_KEYWORDS = new Set(['chara', 'ccv3']);
const TEXT_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG of 8-bit RGB pixels (`rgb` holds width × height × 3 bytes, row by row). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour RGB
  // Every scanline starts with its filter type; 0 is none.
  const stride = width * 3;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const png = Buffer.concat([
    Buffer.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}

/**
 * A PNG of one flat colour: what a card exported without a PNG avatar is written into (card
 * readers need an image to carry the text chunks).
 */
export function plainPng(
  width: number,
  height: number,
  colour: readonly [number, number, number],
): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < rgb.length; i += 3) rgb.set(colour, i);
  return encodePng(width, height, rgb);
}

/** A pleasant colour picked from a name, so exported placeholder cards are not all alike. */
export function colourFor(name: string): [number, number, number] {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  const palette: [number, number, number][] = [
    [94, 129, 172],
    [163, 190, 140],
    [180, 142, 173],
    [208, 135, 112],
    [136, 192, 208],
    [235, 203, 139],
  ];
  return palette[hash % palette.length] as [number, number, number];
}

/**
 * The image without the character card text chunks, so a PNG kept as an avatar does not carry
 * the whole card (lorebook included) a second time. Throws INVALID_INPUT for a malformed PNG.
 */
export function stripCardChunks(png: Uint8Array): Uint8Array {
  const kept = readPngChunks(png).filter((c) => {
    if (!TEXT_TYPES.has(c.type)) return true;
    const nul = c.data.indexOf(0);
    const keyword = nul < 0 ? '' : Buffer.from(c.data.subarray(0, nul)).toString('latin1');
    return !CARD_KEYWORDS.has(keyword.toLowerCase());
  });
  const parts = [
    Uint8Array.from(SIGNATURE),
    ...kept.map((c) => png.subarray(c.offset, c.offset + c.size)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

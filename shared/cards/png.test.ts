import { readFileSync } from 'node:fs';
import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildTextChunk,
  isPng,
  readPngChunks,
  readPngTextChunks,
  replacePngTextChunks,
  type PngChunk,
} from './png';

const SERAPHINA = new Uint8Array(
  readFileSync(new URL('./fixtures/seraphina-v2.png', import.meta.url)),
);
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 2x1 RGBA PNG with the given extra chunks before IEND, built with Node's zlib. */
function tinyPng(extra: Buffer[] = []): Uint8Array {
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const pixels = Buffer.from([0, 255, 0, 0, 255, 0, 0, 255, 255]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(SIGNATURE),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(pixels)),
      ...extra,
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function text(keyword: string, value: string): Buffer {
  return chunk('tEXt', Buffer.from(`${keyword}\0${value}`, 'latin1'));
}

/** Checks every chunk's CRC independently of our own crc32, and that the pixels inflate. */
function expectDecodable(png: Uint8Array): PngChunk[] {
  const chunks = readPngChunks(png);
  for (const c of chunks) {
    const stored = Buffer.from(
      png.subarray(c.offset + c.size - 4, c.offset + c.size),
    ).readUInt32BE();
    expect(zlibCrc32(png.subarray(c.offset + 4, c.offset + c.size - 4))).toBe(stored);
  }
  const types = chunks.map((c) => c.type);
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  const idat = types.flatMap((t, i) => (t === 'IDAT' ? [i] : []));
  expect(idat.length).toBeGreaterThan(0);
  expect(idat.at(-1)! - idat[0]! + 1).toBe(idat.length);
  const ihdr = Buffer.from(chunks[0]!.data);
  const [width, height, depth, colorType] = [
    ihdr.readUInt32BE(0),
    ihdr.readUInt32BE(4),
    ihdr[8]!,
    ihdr[9]!,
  ];
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType as 0 | 2 | 3 | 4 | 6];
  const raw = inflateSync(
    Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)),
  );
  expect(raw.length).toBe(height * (1 + Math.ceil((width * channels * depth) / 8)));
  return chunks;
}

function expectInvalid(fn: () => unknown, message: RegExp): void {
  expect(fn).toThrowError(
    expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(message) }),
  );
}

describe('readPngChunks', () => {
  it('lists the chunks of the real SillyTavern card', () => {
    expect(isPng(SERAPHINA)).toBe(true);
    expect(readPngChunks(SERAPHINA).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'IEND']);
    expect(readPngTextChunks(SERAPHINA).map((c) => c.keyword)).toEqual(['chara']);
    expectDecodable(SERAPHINA);
  });

  it('rejects a bad signature', () => {
    const bad = SERAPHINA.slice();
    bad[6] = 0x00;
    expect(isPng(bad)).toBe(false);
    expectInvalid(() => readPngChunks(bad), /signature/);
    expectInvalid(() => readPngChunks(new Uint8Array([1, 2, 3])), /signature/);
  });

  it('rejects truncated files wherever they are cut', () => {
    const png = tinyPng([text('chara', 'abc')]);
    for (const cut of [8, 12, 20, 33, 40, png.length - 12, png.length - 1]) {
      expectInvalid(() => readPngChunks(png.subarray(0, cut)), /truncated|ends right after/);
    }
    expectInvalid(() => readPngChunks(SERAPHINA.subarray(0, 300_000)), /'IDAT'.*truncated/);
  });

  it('rejects a chunk whose CRC does not match its bytes', () => {
    const bad = SERAPHINA.slice();
    bad[1000] = bad[1000]! ^ 0x01;
    expectInvalid(() => readPngChunks(bad), /'IDAT'.*bad CRC/);
  });

  it('rejects a file that does not start with IHDR or has a garbage chunk type', () => {
    const noHeader = Buffer.concat([Buffer.from(SIGNATURE), chunk('IEND', Buffer.alloc(0))]);
    expectInvalid(() => readPngChunks(new Uint8Array(noHeader)), /first chunk is 'IEND'/);
    const garbage = tinyPng().slice();
    garbage[12] = 0x31;
    expectInvalid(() => readPngChunks(garbage), /invalid chunk type/);
  });
});

describe('replacePngTextChunks', () => {
  it('replaces old card chunks in any case and text type, keeps the rest, appends before IEND', () => {
    const itxt = chunk('iTXt', Buffer.from('CCV3\0\0\0\0\0old', 'latin1'));
    const png = tinyPng([text('Comment', 'keep me'), text('CHARA', 'old'), itxt]);
    const out = replacePngTextChunks(png, [
      { keyword: 'chara', text: 'new-v2' },
      { keyword: 'ccv3', text: 'new-v3' },
    ]);
    const chunks = expectDecodable(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'tEXt', 'tEXt', 'IEND']);
    expect(readPngTextChunks(out)).toEqual([
      { keyword: 'Comment', text: 'keep me' },
      { keyword: 'chara', text: 'new-v2' },
      { keyword: 'ccv3', text: 'new-v3' },
    ]);
    const original = readPngChunks(png);
    for (const type of ['IHDR', 'IDAT']) {
      const before = original.find((c) => c.type === type)!.data;
      const after = chunks.find((c) => c.type === type)!.data;
      expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
    }
  });

  it('drops bytes after IEND and refuses a malformed PNG', () => {
    const trailing = new Uint8Array([...tinyPng(), 1, 2, 3]);
    const out = replacePngTextChunks(trailing, [{ keyword: 'chara', text: 'x' }]);
    expect(readPngChunks(out).at(-1)!.offset + 12).toBe(out.length);
    expectInvalid(() => replacePngTextChunks(trailing.subarray(0, 30), []), /truncated/);
  });

  it('refuses keywords and text outside Latin-1', () => {
    expectInvalid(() => buildTextChunk('', 'x'), /keyword/);
    expectInvalid(() => buildTextChunk('chara', '森'), /Latin-1/);
  });
});

import { readFileSync } from 'node:fs';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TalariaError } from '../contract/errors';
import {
  readCharacterCard,
  readCharacterCardWithWarnings,
  readPngChunks,
  writeCharacterCardJson,
  writeCharacterCardPng,
} from './index';
import { replacePngTextChunks } from './png';

const SERAPHINA = new Uint8Array(
  readFileSync(new URL('./fixtures/seraphina-v2.png', import.meta.url)),
);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value));
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const v2 = (data: Record<string, unknown>): Uint8Array =>
  json({ spec: 'chara_card_v2', spec_version: '2.0', data: { name: 'Ann', ...data } });

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A 1x1 grey PNG built with Node's zlib, so the fuzz loop does not copy a 500 kB image. */
const TINY_PNG = new Uint8Array(
  Buffer.concat([
    SERAPHINA.subarray(0, 8),
    pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 128]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]),
);

function withChara(text: string, png = SERAPHINA): Uint8Array {
  return replacePngTextChunks(png, [{ keyword: 'chara', text }]);
}

function expectInvalid(bytes: Uint8Array, message: RegExp): void {
  let thrown: unknown;
  try {
    readCharacterCard(bytes);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(TalariaError);
  expect((thrown as TalariaError).code).toBe('INVALID_INPUT');
  expect((thrown as TalariaError).message).toMatch(message);
}

describe('malformed input is INVALID_INPUT with a message naming the problem', () => {
  it('malformed PNGs', () => {
    const badSignature = SERAPHINA.slice();
    badSignature[4] = 0x0a;
    expectInvalid(badSignature, /Malformed PNG: .*signature/);
    expectInvalid(SERAPHINA.subarray(0, SERAPHINA.length - 5), /Malformed PNG: .*truncated/);
    const badCrc = SERAPHINA.slice();
    badCrc[SERAPHINA.length - 100] = badCrc[SERAPHINA.length - 100]! ^ 0xff;
    expectInvalid(badCrc, /Malformed PNG: chunk 'tEXt' .*bad CRC/);
  });

  it('a PNG without a card', () => {
    const keep = readPngChunks(SERAPHINA).filter((c) => c.type !== 'tEXt');
    const bare = Buffer.concat([
      SERAPHINA.subarray(0, 8),
      ...keep.map((c) => SERAPHINA.subarray(c.offset, c.offset + c.size)),
    ]);
    expectInvalid(new Uint8Array(bare), /no character card .*"chara" or "ccv3"/);
    const other = replacePngTextChunks(new Uint8Array(bare), [{ keyword: 'Comment', text: 'hi' }]);
    expectInvalid(other, /no character card/);
  });

  it('bad base64, bad UTF-8 and bad JSON inside the chunk', () => {
    expectInvalid(withChara('eyJuYW1lIjo!!!'), /'chara' chunk .* not valid base64/);
    expectInvalid(withChara(b64(new Uint8Array([0xff, 0xfe, 0x7b]))), /'chara' chunk .* UTF-8/);
    expectInvalid(withChara(b64(utf8('{"name": "Ann",'))), /'chara' chunk .* not valid JSON/);
    expectInvalid(withChara(''), /'chara' chunk .* not valid JSON/);
  });

  it('bad JSON files and files of another kind', () => {
    expectInvalid(utf8('{"name": "Ann", }'), /^The file is not valid JSON/);
    expectInvalid(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /neither a PNG image nor/);
    expectInvalid(utf8('name: Ann'), /neither a PNG image nor/);
    expectInvalid(new Uint8Array(0), /empty/);
    expectInvalid('{"name":"x"}' as unknown as Uint8Array, /must be given as bytes/);
  });

  it('JSON of the wrong shape', () => {
    expectInvalid(utf8('[1, 2]'), /expected a JSON object, got an array/);
    expectInvalid(utf8('null'), /neither a PNG|expected a JSON object/);
    expectInvalid(json({ description: 'no name' }), /no name \(name is missing or empty\)/);
    expectInvalid(json({ name: '   ' }), /no name/);
    expectInvalid(v2({ name: undefined }), /no name \(data\.name is missing/);
    expectInvalid(json({ spec: 'chara_card_v2', name: 'Ann' }), /must have a "data" object/);
    expectInvalid(json({ spec: 'chara_card_v3', data: [] }), /must have a "data" object/);
    expectInvalid(json({ spec: 42, name: 'Ann' }), /spec must be a string, but it is a number/);
    expectInvalid(json({ spec: 'lorebook_v3', data: {} }), /lorebook .*not a character card/);
    expectInvalid(json({ spec: 'something_else', name: 'Ann' }), /Unsupported .*"something_else"/);
  });

  it('wrongly typed fields, named by their path', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: { first: 'Ann' } }, /data\.name must be a string, but it is an object/],
      [{ description: ['a'] }, /data\.description must be a string, but it is an array/],
      [{ alternate_greetings: 5 }, /data\.alternate_greetings must be a list of strings/],
      [{ tags: [{ tag: 'x' }] }, /data\.tags\[0\] must be a string/],
      [{ extensions: [] }, /data\.extensions must be an object, but it is an array/],
      [{ character_book: 'book' }, /data\.character_book must be an object/],
      [{ character_book: { entries: {} } }, /data\.character_book\.entries must be a list/],
      [
        { character_book: { entries: [7] } },
        /data\.character_book\.entries\[0\] must be an object/,
      ],
      [
        { character_book: { entries: [{ keys: ['a'], content: { text: 1 } }] } },
        /data\.character_book\.entries\[0\]\.content must be a string/,
      ],
      [
        { character_book: { entries: [{ keys: ['a'], enabled: 'maybe' }] } },
        /entries\[0\]\.enabled must be true or false, but it is a string/,
      ],
      [
        { character_book: { entries: [{ keys: ['a'], insertion_order: 'soon' }] } },
        /entries\[0\]\.insertion_order must be a number/,
      ],
      [
        { character_book: { entries: [{ id: [1] }] } },
        /entries\[0\]\.id must be a number or a string/,
      ],
      [{ assets: { icon: 'x' } }, /data\.assets must be a list of assets/],
      [
        { assets: [{ type: 'icon', uri: 'x', ext: {} }] },
        /data\.assets\[0\]\.ext must be a string/,
      ],
      [
        { creator_notes_multilingual: { en: ['x'] } },
        /creator_notes_multilingual\.en must be a string/,
      ],
    ];
    for (const [data, message] of cases) expectInvalid(v2(data), message);
  });

  it('writers refuse a card of the wrong shape and a malformed PNG', () => {
    const card = { spec: 'chara_card_v3', data: { name: 'Ann', tags: {} } };
    expect(() => writeCharacterCardJson(card)).toThrowError(/data\.tags must be a list of strings/);
    expect(() => writeCharacterCardPng({ name: 'Ann' }, SERAPHINA.subarray(0, 100))).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/truncated/),
      }),
    );
  });
});

describe('lenient reading of common real-world sloppiness', () => {
  it('coerces convertible scalars, defaults nulls and reports what it changed', () => {
    const { card, warnings } = readCharacterCardWithWarnings(
      v2({
        character_version: 1.5,
        tags: 'fantasy, elf ,',
        creator_notes: null,
        alternate_greetings: ['hi', null, 3],
        creation_date: '2024-01-01T00:00:00Z',
        modification_date: 'yesterday',
        character_book: {
          entries: [
            { keys: 'a,b', content: 'x', insertion_order: '5', enabled: 'false', id: 'e1' },
          ],
        },
      }),
    );
    expect(card.data.character_version).toBe('1.5');
    expect(card.data.tags).toEqual(['fantasy', 'elf']);
    expect(card.data.creator_notes).toBe('');
    expect(card.data.alternate_greetings).toEqual(['hi', '3']);
    expect(card.data.creation_date).toBe(1_704_067_200);
    expect(Object.hasOwn(card.data, 'modification_date')).toBe(false);
    expect(card.data.character_book).toEqual({
      extensions: {},
      entries: [
        {
          keys: ['a', 'b'],
          content: 'x',
          insertion_order: 5,
          enabled: false,
          id: 'e1',
          extensions: {},
          use_regex: false,
        },
      ],
    });
    expect(warnings).toHaveLength(9);
    expect(warnings.join('\n')).toMatch(/data\.character_version was a number/);
    expect(warnings.join('\n')).toMatch(/data\.modification_date is not a Unix timestamp; dropped/);
  });

  it('reads a card with no spec but a data object as V2, and warns about a newer V3', () => {
    const noSpec = readCharacterCardWithWarnings(json({ data: { name: 'Ann' } }));
    expect(noSpec.version).toBe('v2');
    expect(noSpec.warnings[0]).toMatch(/no "spec" field/);
    const newer = readCharacterCardWithWarnings(
      json({ spec: 'chara_card_v3', spec_version: '3.1', data: { name: 'Ann' } }),
    );
    expect(newer.card.spec_version).toBe('3.0');
    expect(newer.warnings[0]).toMatch(/spec_version 3\.1, newer than 3\.0/);
  });

  it('accepts a UTF-8 byte-order mark and surrounding whitespace in JSON files', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('\n  {"name":"Ann"}\n')]);
    expect(readCharacterCard(bytes).data.name).toBe('Ann');
  });

  it('does not modify the object it is given', () => {
    const input = { name: 'Ann', tags: 'a,b', data: 'not v2 data' };
    const copy = structuredClone(input);
    writeCharacterCardJson(input);
    expect(input).toEqual(copy);
  });
});

describe('robustness', () => {
  it('never throws anything but INVALID_INPUT on randomly damaged cards', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const chunk = readPngChunks(SERAPHINA).find((c) => c.type === 'tEXt')!;
    const text = Buffer.from(chunk.data.subarray('chara\0'.length)).toString('latin1');
    const card = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Record<
      string,
      unknown
    >;
    const junk: unknown[] = [null, 0, 1.5, '', 'x', true, [], [1], {}, { a: [] }, [[{}]]];
    let ok = 0;
    let rejected = 0;
    for (let i = 0; i < 400; i++) {
      const mutated = structuredClone(card) as Record<string, unknown>;
      let target: Record<string, unknown> = mutated;
      for (let depth = 0; depth < 1 + rand(4); depth++) {
        const keys = Object.keys(target);
        const next = target[keys[rand(keys.length)]!];
        if (next && typeof next === 'object') target = next as Record<string, unknown>;
      }
      const keys = Object.keys(target);
      target[keys[rand(keys.length)]!] = junk[rand(junk.length)];
      const raw = utf8(JSON.stringify(mutated));
      for (let f = rand(3); f > 0; f--) raw[rand(raw.length)] = rand(256);
      try {
        readCharacterCard(i % 2 ? raw : withChara(b64(raw), TINY_PNG));
        ok++;
      } catch (error) {
        expect(error).toBeInstanceOf(TalariaError);
        expect((error as TalariaError).code).toBe('INVALID_INPUT');
        rejected++;
      }
    }
    expect(ok).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
  });
});

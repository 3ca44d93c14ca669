import { readFileSync } from 'node:fs';
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  MAX_CARD_BYTES,
  readCharacterCard,
  readCharacterCardWithWarnings,
  readPngChunks,
  readPngTextChunks,
  toV2,
  writeCharacterCardJson,
  writeCharacterCardPng,
  type CharacterCardV3,
} from './index';
import { replacePngTextChunks } from './png';

const SERAPHINA = new Uint8Array(
  readFileSync(new URL('./fixtures/seraphina-v2.png', import.meta.url)),
);

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value));
const b64 = (value: unknown): string =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
const unb64 = (text: string): unknown => JSON.parse(Buffer.from(text, 'base64').toString('utf8'));

function chunkText(png: Uint8Array, keyword: string): string {
  const found = readPngTextChunks(png).filter((c) => c.keyword === keyword);
  expect(found).toHaveLength(1);
  return found[0]!.text;
}

/** The Seraphina image with its card chunk removed. */
function blankPng(): Uint8Array {
  const keep = readPngChunks(SERAPHINA).filter((c) => c.type !== 'tEXt');
  return new Uint8Array(
    Buffer.concat([
      SERAPHINA.subarray(0, 8),
      ...keep.map((c) => SERAPHINA.subarray(c.offset, c.offset + c.size)),
    ]),
  );
}

const FULL_V3: CharacterCardV3 = {
  spec: 'chara_card_v3',
  spec_version: '3.0',
  data: {
    name: 'Aster',
    description: 'A starship navigator. 星を読む者.',
    personality: 'calm',
    scenario: 'On the bridge.',
    first_mes: 'Course plotted.',
    mes_example: '<START>\n{{char}}: Ready.',
    creator_notes: 'Notes',
    system_prompt: 'Be Aster.',
    post_history_instructions: 'Stay in character.',
    alternate_greetings: ['Hello, traveller.'],
    tags: ['sci-fi', 'space'],
    creator: 'me',
    character_version: '2.1',
    extensions: { depth_prompt: { prompt: 'x', depth: 4 }, 'talaria/preset': 'hermes' },
    group_only_greetings: ['Hello, crew.'],
    assets: [{ type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png', x_extra: 1 }],
    nickname: 'Ash',
    creator_notes_multilingual: { en: 'Notes', fr: 'Notes en français' },
    source: ['https://example.org/aster'],
    creation_date: 1_700_000_000,
    modification_date: 1_700_000_500,
    x_unknown_data: { nested: [1, 2, { deep: true }] },
    character_book: {
      name: 'Ship',
      scan_depth: 3,
      extensions: { book_ext: true },
      x_book_unknown: 'kept',
      entries: [
        {
          keys: ['warp', 'drive'],
          content: 'The warp drive hums.',
          extensions: { position: 1, probability: 50 },
          enabled: true,
          insertion_order: 10,
          use_regex: true,
          constant: false,
          id: 7,
          comment: 'engine',
          selective: true,
          secondary_keys: ['core'],
          position: 'after_char',
          x_entry_unknown: [null],
        },
      ],
    },
  },
  x_top_unknown: { a: 1 },
};

describe('the real SillyTavern V2 card (Seraphina)', () => {
  it('reads the name, data and lorebook from the chara chunk', () => {
    const result = readCharacterCardWithWarnings(SERAPHINA);
    expect(result).toMatchObject({ format: 'png', version: 'v2', warnings: [] });
    const { card } = result;
    expect(card.spec).toBe('chara_card_v3');
    expect(card.spec_version).toBe('3.0');
    expect(card.data.name).toBe('Seraphina');
    expect(card.data.first_mes).toMatch(/^\*You wake with a start/);
    expect(card.data.creator).toBe('OtisAlejandro');
    expect(card.data.group_only_greetings).toEqual([]);
    expect(card.data.extensions).toEqual({ talkativeness: '0.5', fav: false, world: 'Eldoria' });
    const book = card.data.character_book!;
    expect(book.name).toBe('Eldoria');
    expect(book.entries.map((e) => e.id)).toEqual([0, 1, 2, 3]);
    expect(book.entries[0]!.keys).toEqual(['eldoria', 'wood', 'forest', 'magical forest']);
    expect(book.entries[1]!.keys).toContain('shadowfang');
    expect(book.entries[1]!.content).toMatch(/^\{\{user\}\}: "What are Shadowfangs\?"/);
    expect(book.entries[1]!.extensions).toEqual({
      position: 0,
      probability: null,
      useProbability: false,
    });
    expect(book.entries.every((e) => e.use_regex === false && e.position === 'before_char')).toBe(
      true,
    );
    // SillyTavern's own top-level fields survive; the V1 mirrors are replaced by data.
    expect(card['creatorcomment']).toBe('ST Default Bot contest winner: roleplay bots category');
    expect(card['talkativeness']).toBe('0.5');
    expect(card['name']).toBeUndefined();
  });

  it('writes back to PNG with chara (V2) and ccv3 (V3) chunks and re-reads identically', () => {
    const card = readCharacterCard(SERAPHINA);
    const png = writeCharacterCardPng(card, SERAPHINA);
    expect(readPngChunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'tEXt', 'IEND']);
    expect(readPngTextChunks(png).map((c) => c.keyword)).toEqual(['chara', 'ccv3']);
    const again = readCharacterCardWithWarnings(png);
    expect(again.version).toBe('v3');
    expect(again.card).toEqual(card);
    expect(JSON.stringify(again.card)).toBe(JSON.stringify(card));

    const v2 = unb64(chunkText(png, 'chara')) as Record<string, unknown>;
    expect(v2['spec']).toBe('chara_card_v2');
    expect(v2['name']).toBe('Seraphina');
    expect(v2['first_mes']).toBe(card.data.first_mes);
    const v3 = unb64(chunkText(png, 'ccv3'));
    expect(v3).toEqual(card);

    // Writing an already written PNG replaces the chunks instead of piling them up.
    expect(Buffer.from(writeCharacterCardPng(again.card, png)).equals(Buffer.from(png))).toBe(true);
  });

  it('keeps the image intact: CRCs check out with zlib and the pixels still inflate', () => {
    const png = writeCharacterCardPng(readCharacterCard(SERAPHINA), SERAPHINA);
    const chunks = readPngChunks(png);
    for (const c of chunks) {
      const crc = Buffer.from(
        png.subarray(c.offset + c.size - 4, c.offset + c.size),
      ).readUInt32BE();
      expect(zlibCrc32(png.subarray(c.offset + 4, c.offset + c.size - 4))).toBe(crc);
    }
    const original = readPngChunks(SERAPHINA);
    for (const type of ['IHDR', 'IDAT']) {
      const a = original.find((c) => c.type === type)!.data;
      const b = chunks.find((c) => c.type === type)!.data;
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    }
    const ihdr = Buffer.from(chunks[0]!.data);
    const [width, height, colorType] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[9]!];
    const bytesPerPixel = { 2: 3, 6: 4 }[colorType as 2 | 6];
    const idat = chunks.find((c) => c.type === 'IDAT')!.data;
    expect(inflateSync(idat).length).toBe(height * (1 + width * bytesPerPixel));
  });
});

describe('JSON round trips', () => {
  it('V1: a flat card gains V3 defaults and keeps its extra fields', () => {
    const v1 = {
      name: 'Bob',
      description: 'A baker.',
      personality: 'jolly',
      scenario: 'A bakery.',
      first_mes: 'Fresh bread!',
      mes_example: '',
      talkativeness: 0.7,
    };
    const result = readCharacterCardWithWarnings(json(v1));
    expect(result).toMatchObject({ format: 'json', version: 'v1', warnings: [] });
    expect(result.card).toEqual({
      spec: 'chara_card_v3',
      spec_version: '3.0',
      data: {
        ...v1,
        talkativeness: undefined,
        creator_notes: '',
        system_prompt: '',
        post_history_instructions: '',
        alternate_greetings: [],
        tags: [],
        creator: '',
        character_version: '',
        extensions: {},
        group_only_greetings: [],
      },
      talkativeness: 0.7,
    });
    expect(Object.hasOwn(result.card.data, 'talkativeness')).toBe(false);
    const text = writeCharacterCardJson(result.card);
    expect(readCharacterCard(utf8(text))).toEqual(result.card);
  });

  it('V2: every field, unknown fields and extensions survive JSON and PNG', () => {
    const v2 = toV2(FULL_V3);
    expect(v2.spec).toBe('chara_card_v2');
    const card = readCharacterCard(json(v2));
    expect(card.data.x_unknown_data).toEqual(FULL_V3.data.x_unknown_data);
    expect(card.data.extensions).toEqual(FULL_V3.data.extensions);
    expect(card.data.character_book!.entries[0]!.x_entry_unknown).toEqual([null]);
    expect(readCharacterCard(utf8(writeCharacterCardJson(card)))).toEqual(card);
    expect(readCharacterCard(writeCharacterCardPng(card, blankPng()))).toEqual(card);
  });

  it('V3: every V3 field survives JSON and PNG untouched', () => {
    expect(readCharacterCard(json(FULL_V3))).toEqual(FULL_V3);
    expect(readCharacterCard(utf8(writeCharacterCardJson(FULL_V3)))).toEqual(FULL_V3);
    const png = writeCharacterCardPng(FULL_V3, blankPng());
    expect(readCharacterCard(png)).toEqual(FULL_V3);
  });

  it('toV2 drops V3-only fields but keeps unknown ones and mirrors V1 fields', () => {
    const v2 = toV2(FULL_V3);
    for (const key of ['group_only_greetings', 'assets', 'nickname', 'source', 'creation_date']) {
      expect(Object.hasOwn(v2.data, key)).toBe(false);
    }
    expect(Object.hasOwn(v2.data.character_book!.entries[0]!, 'use_regex')).toBe(false);
    expect(v2.data.character_book!.entries[0]!['x_entry_unknown']).toEqual([null]);
    expect(v2.data['x_unknown_data']).toEqual(FULL_V3.data.x_unknown_data);
    expect(v2['x_top_unknown']).toEqual({ a: 1 });
    expect(v2['name']).toBe('Aster');
    expect(v2['mes_example']).toBe(FULL_V3.data.mes_example);
  });

  it('keeps a "__proto__" key in extensions as plain data', () => {
    const text =
      '{"name":"P","data":{"name":"P","extensions":{"__proto__":{"polluted":true}}},"spec":"chara_card_v2"}';
    const card = readCharacterCard(utf8(text));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.parse(writeCharacterCardJson(card)).data.extensions).toEqual(
      JSON.parse('{"__proto__":{"polluted":true}}'),
    );
  });
});

describe('PNG with both chunks', () => {
  const v2 = { ...toV2(FULL_V3), data: { ...toV2(FULL_V3).data, name: 'Old V2 name' } };

  it('uses ccv3 whatever the chunk order', () => {
    for (const order of [
      [
        { keyword: 'chara', text: b64(v2) },
        { keyword: 'ccv3', text: b64(FULL_V3) },
      ],
      [
        { keyword: 'ccv3', text: b64(FULL_V3) },
        { keyword: 'chara', text: b64(v2) },
      ],
    ]) {
      const result = readCharacterCardWithWarnings(replacePngTextChunks(blankPng(), order));
      expect(result.version).toBe('v3');
      expect(result.card.data.name).toBe('Aster');
    }
  });

  it('falls back to chara, with a warning, when ccv3 is damaged', () => {
    const png = replacePngTextChunks(blankPng(), [
      { keyword: 'chara', text: b64(v2) },
      { keyword: 'ccv3', text: 'not*base64' },
    ]);
    const result = readCharacterCardWithWarnings(png);
    expect(result.card.data.name).toBe('Old V2 name');
    expect(result.warnings[0]).toMatch(/'ccv3' chunk could not be read .*base64/);
  });
});

describe('size limit', () => {
  it('rejects inputs over 50 MiB and honours a smaller limit', () => {
    expect(MAX_CARD_BYTES).toBe(50 * 1024 * 1024);
    const huge = new Uint8Array(MAX_CARD_BYTES + 1);
    expect(() => readCharacterCard(huge)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/too large/),
      }),
    );
    expect(() => writeCharacterCardPng(FULL_V3, huge)).toThrowError(/too large/);
    expect(() => readCharacterCard(SERAPHINA, { maxBytes: 1000 })).toThrowError(
      /too large \(0\.5 MB\); the limit is 0\.0 MB/,
    );
  });
});

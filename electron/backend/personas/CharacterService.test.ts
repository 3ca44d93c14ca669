import { describe, expect, it } from 'vitest';
import { TalariaError } from '../../../shared/contract/errors';
import {
  readCharacterCardWithWarnings,
  readPngTextChunks,
  writeCharacterCardPng,
} from '../../../shared/cards';
import { decodeBase64, encodeBase64, encodeUtf8 } from '../../../shared/cards/bytes';
import { avatarPng, pngDataUrl } from './avatars';
import { encodePng, plainPng } from './pngImages';
import {
  seraphinaBase64,
  seraphinaPng,
  threeGreetingCard,
  usePersonaServices,
} from './testSupport';

const b64 = (text: string): string => encodeBase64(encodeUtf8(text));

function invalidInput(fn: () => unknown): TalariaError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TalariaError);
    expect((error as TalariaError).code).toBe('INVALID_INPUT');
    return error as TalariaError;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('CharacterService', () => {
  const fx = usePersonaServices();

  it('imports the real Seraphina PNG with its avatar and lorebook', () => {
    const { characters } = fx().services;
    const { character, warnings } = characters.importCard(seraphinaBase64());
    expect(warnings).toEqual([]);
    expect(character.card.spec).toBe('chara_card_v3');
    expect(character.card.data.name).toBe('Seraphina');
    expect(character.card.data.character_book?.entries.length).toBeGreaterThan(0);

    // The avatar is the image alone: a PNG without the card chunks.
    const avatar = avatarPng(character.avatar);
    expect(avatar).not.toBeNull();
    expect(readPngTextChunks(avatar!).map((c) => c.keyword)).not.toContain('chara');
    expect(avatar!.length).toBeLessThan(seraphinaPng().length);

    const listed = characters.list();
    expect(listed.characters).toHaveLength(1);
    expect(listed.characters[0]).toMatchObject({
      id: character.id,
      name: 'Seraphina',
      avatar: character.avatar,
      creator: 'OtisAlejandro',
      greetingCount: 1,
      loreEntryCount: character.card.data.character_book?.entries.length,
    });
    expect(listed.characters[0]?.blurb).toMatch(/^ST Default Bot contest winner/);
    expect(characters.get(character.id).card).toEqual(character.card);
    expect(fx().events).toContainEqual({
      name: 'personas.changed',
      data: { kind: 'character', id: character.id },
    });
  });

  it('exports a PNG that imports back to the same card, and JSON too', () => {
    const { characters } = fx().services;
    const { character } = characters.importCard(seraphinaBase64());

    const png = characters.exportCard(character.id, 'png');
    expect(png).toMatchObject({ fileName: 'Seraphina.png', mimeType: 'image/png' });
    const pngBytes = decodeBase64(png.data, 'export');
    const chunks = readPngTextChunks(pngBytes).map((c) => c.keyword);
    expect(chunks).toEqual(expect.arrayContaining(['chara', 'ccv3']));
    const again = characters.importCard(png.data).character;
    expect(again.card).toEqual(character.card);

    const json = characters.exportCard(character.id, 'json');
    expect(json).toMatchObject({ fileName: 'Seraphina.json', mimeType: 'application/json' });
    expect(readCharacterCardWithWarnings(decodeBase64(json.data, 'json')).card).toEqual(
      character.card,
    );
    expect(characters.importCard(json.data).character.card).toEqual(character.card);
  });

  it('exports a character without a PNG avatar inside a generated image', () => {
    const { characters } = fx().services;
    const mira = characters.save(undefined, threeGreetingCard());
    expect(mira.avatar).toBeNull();
    const png = decodeBase64(characters.exportCard(mira.id, 'png').data, 'export');
    const back = readCharacterCardWithWarnings(png);
    expect(back.format).toBe('png');
    expect(back.card).toEqual(mira.card);
  });

  it('rejects malformed files and leaves the library unchanged', () => {
    const { characters } = fx().services;
    characters.importCard(seraphinaBase64());
    const before = characters.list();

    const truncated = encodeBase64(seraphinaPng().subarray(0, 5000));
    expect(invalidInput(() => characters.importCard(truncated)).message).toMatch(/Malformed PNG/);
    const random = encodeBase64(Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256));
    expect(invalidInput(() => characters.importCard(random)).message).toMatch(
      /neither a PNG image nor a JSON character card/,
    );
    const plain = encodeBase64(plainPng(4, 4, [1, 2, 3]));
    expect(invalidInput(() => characters.importCard(plain)).message).toMatch(/no character card/);
    const wrongTypes = b64(JSON.stringify({ spec: 'chara_card_v2', data: { name: 'X', tags: 5 } }));
    expect(invalidInput(() => characters.importCard(wrongTypes)).message).toMatch(
      /data\.tags must be a list of strings/,
    );
    expect(invalidInput(() => characters.importCard('not base64!')).message).toMatch(/base64/);

    expect(characters.list()).toEqual(before);
  });

  it('saves edited cards, keeping unknown fields, and refuses wrong field types', () => {
    const { characters } = fx().services;
    const mira = characters.save(undefined, threeGreetingCard());
    expect(mira.card.data.extensions).toEqual({ talaria_test: { kept: true } });
    const edited = characters.save(mira.id, {
      ...mira.card,
      data: { ...mira.card.data, description: 'Now a sailor.' },
      x_custom: 1,
    });
    expect(edited.card.data.description).toBe('Now a sailor.');
    expect(edited.card['x_custom']).toBe(1);

    const bad = { ...mira.card, data: { ...mira.card.data, alternate_greetings: { a: 1 } } };
    expect(invalidInput(() => characters.save(mira.id, bad)).message).toMatch(
      /data\.alternate_greetings must be a list of strings/,
    );
    const blank = { ...mira.card, data: { ...mira.card.data, name: '  ' } };
    expect(invalidInput(() => characters.save(mira.id, blank)).message).toMatch(/no name/);
    expect(characters.get(mira.id).card.data.description).toBe('Now a sailor.');
  });

  it('checks avatars: real image bytes of the declared type, at most 4 MiB', () => {
    const { characters } = fx().services;
    const png = pngDataUrl(plainPng(8, 8, [200, 10, 10]));
    const mira = characters.save(undefined, threeGreetingCard(), png);
    expect(mira.avatar).toBe(png);
    // An update without an avatar keeps it; null removes it.
    expect(characters.save(mira.id, mira.card).avatar).toBe(png);
    expect(characters.save(mira.id, mira.card, null).avatar).toBeNull();

    const liar = `data:image/jpeg;base64,${png.split(',')[1]}`;
    expect(invalidInput(() => characters.save(mira.id, mira.card, liar)).message).toMatch(
      /says it is JPEG but is a PNG/,
    );
    const junk = `data:image/png;base64,${encodeBase64(encodeUtf8('hello'))}`;
    expect(invalidInput(() => characters.save(mira.id, mira.card, junk)).message).toMatch(
      /not a readable PNG/,
    );
    const huge = `data:image/png;base64,${encodeBase64(new Uint8Array(4 * 1024 * 1024 + 1))}`;
    expect(invalidInput(() => characters.save(mira.id, mira.card, huge)).message).toMatch(
      /too large/,
    );
    // The client's resized avatar wins over the card PNG on import.
    const imported = characters.importCard(seraphinaBase64(), png).character;
    expect(imported.avatar).toBe(png);
  });

  it('keeps no avatar from a card PNG over 2 MiB, and says so', () => {
    const { characters } = fx().services;
    // Noise does not compress, so this image is about 2.4 MB.
    let seed = 7;
    const noise = Uint8Array.from({ length: 900 * 900 * 3 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    });
    const cardPng = writeCharacterCardPng(threeGreetingCard(), encodePng(900, 900, noise));
    expect(cardPng.length).toBeGreaterThan(2 * 1024 * 1024);

    const { character, warnings } = characters.importCard(encodeBase64(cardPng));
    expect(character.card.data.name).toBe('Mira');
    expect(character.avatar).toBeNull();
    expect(warnings).toEqual([
      expect.stringMatching(/^The avatar was too large to keep \(2\.\d MB\)/),
    ]);
  });

  it('searches by name, tag and creator, and counts tags', () => {
    const { characters } = fx().services;
    characters.importCard(seraphinaBase64());
    characters.save(undefined, threeGreetingCard());
    const third = threeGreetingCard();
    (third['data'] as Record<string, unknown>)['name'] = 'Orin';
    (third['data'] as Record<string, unknown>)['tags'] = ['fantasy'];
    (third['data'] as Record<string, unknown>)['creator'] = 'Someone Else';
    characters.save(undefined, third);

    const names = (q: { query?: string; tag?: string }) =>
      characters.list(q).characters.map((c) => c.name);
    expect(names({})).toEqual(['Mira', 'Orin', 'Seraphina']);
    expect(names({ query: 'SERA' })).toEqual(['Seraphina']);
    expect(names({ query: 'tester' })).toEqual(['Mira']);
    expect(names({ query: 'sea' })).toEqual(['Mira']);
    expect(names({ tag: 'FANTASY' })).toEqual(['Mira', 'Orin']);
    expect(names({ tag: 'fan' })).toEqual([]);
    expect(characters.list().tags).toEqual([
      { tag: 'Fantasy', count: 2 },
      { tag: 'sea', count: 1 },
    ]);
  });
});

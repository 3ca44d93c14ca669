import { unzipSync, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../shared/cards/bytes';
import { avatarPng } from './avatars';
import { seraphinaBase64, usePersonaServices } from './testSupport';

describe('CHARX cards', () => {
  const fx = usePersonaServices();

  it('export a zip with card.json and the avatar, which imports back the same', () => {
    const { characters } = fx().services;
    const { character } = characters.importCard(seraphinaBase64());
    const file = characters.exportCard(character.id, 'charx');
    expect(file).toMatchObject({ fileName: 'Seraphina.charx', mimeType: 'application/zip' });
    const zip = unzipSync(decodeBase64(file.data, 'charx'));
    expect(Object.keys(zip).sort()).toEqual(['assets/icon/image/main.png', 'card.json']);
    const again = characters.importCard(file.data).character;
    expect(again.card.data.character_book).toEqual(character.card.data.character_book);
    expect(again.card.data.first_mes).toBe(character.card.data.first_mes);
    expect(avatarPng(again.avatar)).toEqual(avatarPng(character.avatar));
  });

  it('say what is wrong with a zip that is no card', () => {
    const { characters } = fx().services;
    const data = encodeBase64(zipSync({ 'readme.txt': strToU8('hello') }));
    expect(() => characters.importCard(data)).toThrowError(/no card\.json inside/);
  });
});

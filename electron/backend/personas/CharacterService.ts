import { TalariaError } from '../../../shared/contract/errors';
import type { Character, CharacterSummary, ExportedFile } from '../../../shared/contract/personas';
import {
  normalizeCharacterCard,
  readCharacterCardWithWarnings,
  writeCharacterCardJson,
  writeCharacterCardPng,
  type JsonObject,
} from '../../../shared/cards';
import { decodeBase64, encodeBase64, encodeUtf8 } from '../../../shared/cards/bytes';
import type { Store } from '../store';
import { avatarPng, MAX_KEPT_PNG_BYTES, megabytes, optionalAvatar, pngDataUrl } from './avatars';
import { isCharx, readCharx, writeCharx } from './charx';
import { safeFileName } from './fileNames';
import { colourFor, plainPng, stripCardChunks } from './pngImages';
import type { Emit, PersonaServiceDeps } from './types';

/** Side of the plain image a card is exported into when it has no PNG avatar. */
const PLACEHOLDER_SIZE = 256;

export interface CharacterListResult {
  characters: CharacterSummary[];
  /** Every tag in the library with how many characters have it, most used first. */
  tags: { tag: string; count: number }[];
}

function tagCounts(characters: readonly CharacterSummary[]): { tag: string; count: number }[] {
  const counts = new Map<string, { tag: string; count: number }>();
  for (const c of characters) {
    for (const tag of new Set(c.tags.map((t) => t.toLocaleLowerCase()))) {
      const shown = c.tags.find((t) => t.toLocaleLowerCase() === tag) ?? tag;
      const entry = counts.get(tag) ?? { tag: shown, count: 0 };
      entry.count++;
      counts.set(tag, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** The character gallery: card import and export, editing, search. */
export class CharacterService {
  private readonly store: Store;
  private readonly emit: Emit;

  constructor(deps: PersonaServiceDeps) {
    this.store = deps.store;
    this.emit = deps.emit;
  }

  /** Matches `query` against names, creators and tags, case-insensitively; `tag` must match whole. */
  list(options: { query?: string; tag?: string } = {}): CharacterListResult {
    const all = this.store.characters.list();
    const query = options.query?.trim().toLocaleLowerCase() ?? '';
    const tag = options.tag?.trim().toLocaleLowerCase() ?? '';
    const characters = all.filter((c) => {
      const tags = c.tags.map((t) => t.toLocaleLowerCase());
      if (tag !== '' && !tags.includes(tag)) return false;
      if (query === '') return true;
      return [c.name.toLocaleLowerCase(), c.creator.toLocaleLowerCase(), ...tags].some((text) =>
        text.includes(query),
      );
    });
    return { characters, tags: tagCounts(all) };
  }

  find(id: string): Character | null {
    return this.store.characters.get(id);
  }

  get(id: string): Character {
    const character = this.find(id);
    if (!character) throw new TalariaError('NOT_FOUND', 'That character does not exist any more.');
    return character;
  }

  /**
   * Imports a PNG or JSON card (V1–V3) given as base64. The avatar is the client's resized one
   * when given, else the PNG itself (without the card chunks) when it is at most 2 MiB.
   * Malformed files are INVALID_INPUT and nothing is stored.
   */
  importCard(
    data: string,
    avatarParam?: string | null,
  ): { character: Character; warnings: string[] } {
    const raw = decodeBase64(data, 'The character card file');
    const charx = isCharx(raw) ? readCharx(raw) : null;
    const bytes = charx ? charx.cardJson : raw;
    const read = readCharacterCardWithWarnings(bytes);
    const warnings = [...read.warnings];
    let avatar: string | null = null;
    if (avatarParam !== undefined) avatar = optionalAvatar(avatarParam) ?? null;
    else if (charx) avatar = charx.avatar;
    else if (read.format === 'png') {
      const image = stripCardChunks(bytes);
      if (image.length <= MAX_KEPT_PNG_BYTES) avatar = pngDataUrl(image);
      else {
        warnings.push(
          `The avatar was too large to keep (${megabytes(image.length)} MB); edit the ` +
            'character to give it a smaller picture.',
        );
      }
    }
    const character = this.store.characters.insert({ card: read.card, avatar });
    this.changed(character.id);
    return { character, warnings };
  }

  /**
   * Creates (no id) or updates a character from card data of any version, normalized to V3
   * with unknown fields kept. An update without `avatar` keeps the old one; null removes it.
   */
  save(id: string | undefined, card: JsonObject, avatarParam?: string | null): Character {
    const normalized = normalizeCharacterCard(card).card;
    const avatar = optionalAvatar(avatarParam);
    let saved: Character;
    if (id === undefined) {
      saved = this.store.characters.insert({ card: normalized, avatar: avatar ?? null });
    } else {
      const current = this.get(id);
      saved = this.store.characters.update(id, {
        card: normalized,
        avatar: avatar === undefined ? current.avatar : avatar,
      });
    }
    this.changed(saved.id);
    return saved;
  }

  /** Conversations with the character stay; they read as having no character. */
  delete(id: string): void {
    this.get(id);
    this.store.characters.delete(id);
    this.changed(id);
  }

  /** A PNG card (the avatar, or a plain image, carrying `chara` + `ccv3`) or V3 JSON. */
  exportCard(id: string, format: 'png' | 'json' | 'charx'): ExportedFile {
    const { card, avatar } = this.get(id);
    const name = card.data.name;
    if (format === 'charx') {
      return {
        fileName: safeFileName(name, 'charx', 'character'),
        mimeType: 'application/zip',
        data: encodeBase64(writeCharx(card, avatarPng(avatar))),
      };
    }
    if (format === 'json') {
      return {
        fileName: safeFileName(name, 'json', 'character'),
        mimeType: 'application/json',
        data: encodeBase64(encodeUtf8(writeCharacterCardJson(card))),
      };
    }
    const placeholder = (): Uint8Array =>
      plainPng(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE, colourFor(name));
    const image = avatarPng(avatar);
    let png: Uint8Array;
    try {
      png = writeCharacterCardPng(card, image ?? placeholder());
    } catch (error) {
      // A stored avatar that is not a well-formed PNG still exports, in a plain image.
      if (!(error instanceof TalariaError) || !image) throw error;
      png = writeCharacterCardPng(card, placeholder());
    }
    return {
      fileName: safeFileName(name, 'png', 'character'),
      mimeType: 'image/png',
      data: encodeBase64(png),
    };
  }

  private changed(id: string | null): void {
    this.emit('personas.changed', { kind: 'character', id });
  }
}

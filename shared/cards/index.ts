import { TalariaError } from '../contract/errors';
import { decodeBase64, decodeUtf8, encodeBase64, encodeUtf8 } from './bytes';
import { downgradeToV2 } from './convert';
import { normalizeCharacterCard } from './normalize';
import { looksLikePng, readPngTextChunks, replacePngTextChunks } from './png';
import type {
  CharacterCardV1,
  CharacterCardV2,
  CharacterCardV3,
  JsonObject,
  ReadCharacterCardOptions,
  ReadCharacterCardResult,
} from './types';

export type * from './types';
export type { NormalizedCharacterCard } from './normalize';
export type { PngChunk, PngTextChunk } from './png';
export { isPng, readPngChunks, readPngTextChunks } from './png';
export { emptyCardData, normalizeCharacterCard } from './normalize';

/** Largest card file (PNG or JSON) we accept: real cards are a few MB at most. */
export const MAX_CARD_BYTES = 50 * 1024 * 1024;

/** Anything the writers accept: a card of any version, normalized before it is written. */
export type CharacterCardInput = CharacterCardV3 | CharacterCardV2 | CharacterCardV1 | JsonObject;

const CHARA_KEYWORD = 'chara';
const CCV3_KEYWORD = 'ccv3';

function checkSize(bytes: unknown, what: string, maxBytes: number): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new TalariaError('INVALID_INPUT', `${what} must be given as bytes (a Uint8Array).`);
  }
  if (bytes.length > maxBytes) {
    const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
    throw new TalariaError(
      'INVALID_INPUT',
      `${what} is too large (${mb(bytes.length)} MB); the limit is ${mb(maxBytes)} MB.`,
    );
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TalariaError('INVALID_INPUT', `${what} is not valid JSON (${reason}).`);
  }
}

function stringifyJson(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TalariaError(
      'INVALID_INPUT',
      `The character card cannot be saved as JSON (${reason}).`,
    );
  }
}

function readChunk(text: string, keyword: string): Omit<ReadCharacterCardResult, 'format'> {
  const what = `The '${keyword}' chunk of the PNG`;
  const json = decodeUtf8(decodeBase64(text, what), what);
  return normalizeCharacterCard(parseJson(json, what));
}

function readFromPng(png: Uint8Array): ReadCharacterCardResult {
  const chunks = readPngTextChunks(png);
  const find = (keyword: string): string | undefined =>
    chunks.find((c) => c.keyword.toLowerCase() === keyword)?.text;
  const ccv3 = find(CCV3_KEYWORD);
  const chara = find(CHARA_KEYWORD);
  if (ccv3 === undefined && chara === undefined) {
    throw new TalariaError(
      'INVALID_INPUT',
      'This PNG image has no character card in it (no "chara" or "ccv3" text chunk).',
    );
  }
  if (ccv3 === undefined) return { ...readChunk(chara as string, CHARA_KEYWORD), format: 'png' };
  try {
    return { ...readChunk(ccv3, CCV3_KEYWORD), format: 'png' };
  } catch (error) {
    // A damaged V3 chunk next to a readable V2 one still yields the character; say so.
    if (chara === undefined || !(error instanceof TalariaError)) throw error;
    let fallback: Omit<ReadCharacterCardResult, 'format'>;
    try {
      fallback = readChunk(chara, CHARA_KEYWORD);
    } catch {
      throw error;
    }
    const note = `The 'ccv3' chunk could not be read (${error.message}); the 'chara' chunk was used.`;
    return { ...fallback, warnings: [note, ...fallback.warnings], format: 'png' };
  }
}

function readFromJson(bytes: Uint8Array): ReadCharacterCardResult {
  const notACard = 'The file is neither a PNG image nor a JSON character card';
  let text: string;
  try {
    text = decodeUtf8(bytes, 'The file');
  } catch {
    throw new TalariaError('INVALID_INPUT', `${notACard} (it is not UTF-8 text).`);
  }
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') {
    throw new TalariaError('INVALID_INPUT', `${notACard}.`);
  }
  return { ...normalizeCharacterCard(parseJson(text, 'The file')), format: 'json' };
}

/**
 * Reads a character card from PNG or JSON bytes (V1, V2 or V3) and normalizes it to V3,
 * reporting the fields it had to coerce or drop. In a PNG the `ccv3` chunk wins over `chara`.
 * Throws TalariaError('INVALID_INPUT') for a malformed PNG, a PNG without a card, bad base64,
 * bad JSON, a wrongly shaped card, or input over `maxBytes` (50 MiB by default).
 */
export function readCharacterCardWithWarnings(
  bytes: Uint8Array,
  options: ReadCharacterCardOptions = {},
): ReadCharacterCardResult {
  checkSize(bytes, 'The character card file', options.maxBytes ?? MAX_CARD_BYTES);
  if (bytes.length === 0)
    throw new TalariaError('INVALID_INPUT', 'The character card file is empty.');
  return looksLikePng(bytes) ? readFromPng(bytes) : readFromJson(bytes);
}

/** Reads a character card from PNG or JSON bytes and normalizes it to V3. See the warnings form. */
export function readCharacterCard(
  bytes: Uint8Array,
  options: ReadCharacterCardOptions = {},
): CharacterCardV3 {
  return readCharacterCardWithWarnings(bytes, options).card;
}

/** The card as a V2 object (V3-only fields dropped, V1 fields mirrored at the top level). */
export function toV2(card: CharacterCardInput): CharacterCardV2 {
  return downgradeToV2(normalizeCharacterCard(card).card);
}

/** The card as V3 JSON text (normalized first, pretty-printed). */
export function writeCharacterCardJson(card: CharacterCardInput): string {
  return stringifyJson(normalizeCharacterCard(card).card, 2);
}

/**
 * Embeds the card in `png`: a `chara` tEXt chunk with the V2 JSON and a `ccv3` tEXt chunk with
 * the V3 JSON (both UTF-8, base64), inserted before IEND. Existing chara/ccv3 text chunks are
 * removed; every other chunk is copied unchanged. Throws INVALID_INPUT for a malformed PNG.
 */
export function writeCharacterCardPng(card: CharacterCardInput, png: Uint8Array): Uint8Array {
  checkSize(png, 'The PNG image', MAX_CARD_BYTES);
  const normalized = normalizeCharacterCard(card).card;
  const encode = (value: unknown): string => encodeBase64(encodeUtf8(stringifyJson(value)));
  return replacePngTextChunks(png, [
    { keyword: CHARA_KEYWORD, text: encode(downgradeToV2(normalized)) },
    { keyword: CCV3_KEYWORD, text: encode(normalized) },
  ]);
}

import { TalariaError } from '../contract/errors';
import {
  invalidField,
  isPlainObject,
  omit,
  own,
  readObject,
  readString,
  readStringArray,
  setOptional,
  typeName,
} from './fields';
import { normalizeCharacterBook } from './lorebook';
import type {
  CharacterAsset,
  CharacterCardV3,
  CharacterCardV3Data,
  CharacterCardVersion,
  JsonObject,
} from './types';

/** The V1 fields; V2 and V3 exports often mirror them at the top level. */
export const V1_FIELDS = [
  'name',
  'description',
  'personality',
  'scenario',
  'first_mes',
  'mes_example',
] as const;

const V2_STRING_FIELDS = [
  'description',
  'personality',
  'scenario',
  'first_mes',
  'mes_example',
  'creator_notes',
  'system_prompt',
  'post_history_instructions',
  'creator',
  'character_version',
] as const;

export interface NormalizedCharacterCard {
  card: CharacterCardV3;
  warnings: string[];
  version: CharacterCardVersion;
}

function readAssets(
  raw: JsonObject,
  path: string,
  warnings: string[],
): CharacterAsset[] | undefined {
  const value = own(raw, 'assets');
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidField(path, 'a list of assets', value);
  return value.map((item: unknown, i) => {
    const itemPath = `${path}[${i}]`;
    if (!isPlainObject(item)) throw invalidField(itemPath, 'an object', item);
    return {
      ...item,
      type: readString(item, 'type', `${itemPath}.type`, warnings) ?? '',
      uri: readString(item, 'uri', `${itemPath}.uri`, warnings) ?? '',
      name: readString(item, 'name', `${itemPath}.name`, warnings) ?? '',
      ext: readString(item, 'ext', `${itemPath}.ext`, warnings) ?? '',
    };
  });
}

function readLanguageMap(
  raw: JsonObject,
  path: string,
  warnings: string[],
): Record<string, string> | undefined {
  const map = readObject(raw, 'creator_notes_multilingual', path);
  if (!map) return undefined;
  const result: Record<string, string> = {};
  for (const lang of Object.keys(map)) {
    const text = readString(map, lang, `${path}.${lang}`, warnings);
    if (text !== undefined)
      Object.defineProperty(result, lang, {
        value: text,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return result;
}

/** Unix seconds; numeric strings and parseable date strings are converted, anything else dropped. */
function readDate(
  raw: JsonObject,
  key: string,
  path: string,
  warnings: string[],
): number | undefined {
  const value = own(raw, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    if (Number.isFinite(Number(value))) {
      warnings.push(`${path} was the string "${value}"; converted to a number.`);
      return Number(value);
    }
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) {
      warnings.push(`${path} was the date string "${value}"; converted to Unix seconds.`);
      return Math.floor(ms / 1000);
    }
  }
  warnings.push(`${path} is not a Unix timestamp; dropped.`);
  return undefined;
}

/** `prefix` is the path of `raw` in the card ('data', or '' for a flat V1 card). */
function normalizeData(raw: JsonObject, prefix: string, warnings: string[]): CharacterCardV3Data {
  const at = (key: string): string => (prefix ? `${prefix}.${key}` : key);
  const name = readString(raw, 'name', at('name'), warnings);
  if (name === undefined || name.trim() === '') {
    throw new TalariaError(
      'INVALID_INPUT',
      `Invalid character card: the character has no name (${at('name')} is missing or empty).`,
    );
  }
  const data: CharacterCardV3Data = {
    ...raw,
    ...emptyCardData(name),
    extensions: readObject(raw, 'extensions', at('extensions')) ?? {},
  };
  for (const key of V2_STRING_FIELDS) {
    data[key] = readString(raw, key, at(key), warnings) ?? '';
  }
  for (const key of ['alternate_greetings', 'group_only_greetings'] as const) {
    data[key] = readStringArray(raw, key, at(key), warnings, false) ?? [];
  }
  data.tags = readStringArray(raw, 'tags', at('tags'), warnings, true) ?? [];
  const book = readObject(raw, 'character_book', at('character_book'));
  setOptional(
    data,
    'character_book',
    book && normalizeCharacterBook(book, at('character_book'), warnings),
  );
  setOptional(data, 'assets', readAssets(raw, at('assets'), warnings));
  setOptional(data, 'nickname', readString(raw, 'nickname', at('nickname'), warnings));
  setOptional(
    data,
    'creator_notes_multilingual',
    readLanguageMap(raw, at('creator_notes_multilingual'), warnings),
  );
  setOptional(data, 'source', readStringArray(raw, 'source', at('source'), warnings, false));
  for (const key of ['creation_date', 'modification_date'] as const) {
    setOptional(data, key, readDate(raw, key, at(key), warnings));
  }
  return data;
}

interface Detected {
  version: CharacterCardVersion;
  rawData: JsonObject;
  dataPath: string;
  extra: JsonObject;
}

function detect(input: JsonObject, warnings: string[]): Detected {
  const spec = own(input, 'spec');
  if (spec !== undefined && typeof spec !== 'string') throw invalidField('spec', 'a string', spec);
  const data = own(input, 'data');
  const wrapped = (version: CharacterCardVersion): Detected => {
    if (!isPlainObject(data)) {
      throw new TalariaError(
        'INVALID_INPUT',
        `Invalid character card: a ${String(spec ?? 'V2')} card must have a "data" object.`,
      );
    }
    const extra = omit(input, ['spec', 'spec_version', 'data', ...V1_FIELDS]);
    return { version, rawData: data, dataPath: 'data', extra };
  };
  if (spec === 'chara_card_v3') {
    const specVersion = Number.parseFloat(String(own(input, 'spec_version') ?? '3.0'));
    if (specVersion > 3) {
      warnings.push(
        `The card uses spec_version ${String(own(input, 'spec_version'))}, newer than 3.0; ` +
          'it was read as 3.0 and unknown fields were kept.',
      );
    }
    return wrapped('v3');
  }
  if (spec === 'chara_card_v2') return wrapped('v2');
  if (spec?.startsWith('lorebook')) {
    throw new TalariaError(
      'INVALID_INPUT',
      `This file is a lorebook (spec "${spec}"), not a character card.`,
    );
  }
  if (spec === undefined || spec === 'chara_card_v1') {
    if (isPlainObject(data) && !Object.hasOwn(input, 'name')) {
      warnings.push('The card has no "spec" field but has a "data" object; it was read as V2.');
      return wrapped('v2');
    }
    const rawData: JsonObject = {};
    for (const key of V1_FIELDS) if (Object.hasOwn(input, key)) rawData[key] = input[key];
    return {
      version: 'v1',
      rawData,
      dataPath: '',
      extra: omit(input, ['spec', 'spec_version', ...V1_FIELDS]),
    };
  }
  if (isPlainObject(data)) {
    warnings.push(`Unknown card spec "${spec}"; it was read as a V3 card.`);
    return wrapped('v3');
  }
  throw new TalariaError('INVALID_INPUT', `Unsupported character card spec "${spec}".`);
}

/**
 * Turns a parsed V1, V2 or V3 card into the normalized V3 shape: defaults filled in, unknown
 * fields (top level, data, lorebook, entries, assets) and every `extensions` object kept as is.
 * The input is not modified. Throws INVALID_INPUT when the shape is wrong.
 */
/** The V3 `data` of a card with every field empty: the base of a new or normalized card. */
export function emptyCardData(name = ''): CharacterCardV3Data {
  return {
    name,
    description: '',
    personality: '',
    scenario: '',
    first_mes: '',
    mes_example: '',
    creator_notes: '',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: [],
    tags: [],
    creator: '',
    character_version: '',
    extensions: {},
    group_only_greetings: [],
  };
}

export function normalizeCharacterCard(input: unknown): NormalizedCharacterCard {
  if (!isPlainObject(input)) {
    throw new TalariaError(
      'INVALID_INPUT',
      `Invalid character card: expected a JSON object, got ${typeName(input)}.`,
    );
  }
  const warnings: string[] = [];
  const { version, rawData, dataPath, extra } = detect(input, warnings);
  const data = normalizeData(rawData, dataPath, warnings);
  const card: CharacterCardV3 = { spec: 'chara_card_v3', spec_version: '3.0', data, ...extra };
  return { card, warnings, version };
}

import {
  invalidField,
  isPlainObject,
  own,
  readBoolean,
  readNumber,
  readObject,
  readString,
  readStringArray,
  setOptional,
} from './fields';
import type { CharacterBook, CharacterBookEntry, JsonObject } from './types';

/** SillyTavern's default "order" for a new world-info entry. */
const DEFAULT_INSERTION_ORDER = 100;

function normalizeEntry(raw: JsonObject, path: string, warnings: string[]): CharacterBookEntry {
  const entry: CharacterBookEntry = {
    ...raw,
    keys: readStringArray(raw, 'keys', `${path}.keys`, warnings, true) ?? [],
    content: readString(raw, 'content', `${path}.content`, warnings) ?? '',
    extensions: readObject(raw, 'extensions', `${path}.extensions`) ?? {},
    enabled: readBoolean(raw, 'enabled', `${path}.enabled`, warnings) ?? true,
    insertion_order:
      readNumber(raw, 'insertion_order', `${path}.insertion_order`, warnings) ??
      DEFAULT_INSERTION_ORDER,
    use_regex: readBoolean(raw, 'use_regex', `${path}.use_regex`, warnings) ?? false,
  };
  for (const key of ['case_sensitive', 'constant', 'selective'] as const) {
    setOptional(entry, key, readBoolean(raw, key, `${path}.${key}`, warnings));
  }
  for (const key of ['name', 'comment', 'position'] as const) {
    setOptional(entry, key, readString(raw, key, `${path}.${key}`, warnings));
  }
  setOptional(entry, 'priority', readNumber(raw, 'priority', `${path}.priority`, warnings));
  setOptional(
    entry,
    'secondary_keys',
    readStringArray(raw, 'secondary_keys', `${path}.secondary_keys`, warnings, true),
  );
  const id = own(raw, 'id');
  if (id === null) delete entry.id;
  else if (id !== undefined && typeof id !== 'number' && typeof id !== 'string') {
    throw invalidField(`${path}.id`, 'a number or a string', id);
  }
  return entry;
}

/** Normalizes a V2 or V3 `character_book` to the V3 shape, keeping unknown fields. */
export function normalizeCharacterBook(
  raw: JsonObject,
  path: string,
  warnings: string[],
): CharacterBook {
  const entriesValue = own(raw, 'entries');
  if (entriesValue !== undefined && entriesValue !== null && !Array.isArray(entriesValue)) {
    throw invalidField(`${path}.entries`, 'a list of entries', entriesValue);
  }
  const entries = (entriesValue ?? []) as unknown[];
  const book: CharacterBook = {
    ...raw,
    extensions: readObject(raw, 'extensions', `${path}.extensions`) ?? {},
    entries: entries.map((item, i) => {
      if (!isPlainObject(item)) throw invalidField(`${path}.entries[${i}]`, 'an object', item);
      return normalizeEntry(item, `${path}.entries[${i}]`, warnings);
    }),
  };
  for (const key of ['name', 'description'] as const) {
    setOptional(book, key, readString(raw, key, `${path}.${key}`, warnings));
  }
  for (const key of ['scan_depth', 'token_budget'] as const) {
    setOptional(book, key, readNumber(raw, key, `${path}.${key}`, warnings));
  }
  setOptional(
    book,
    'recursive_scanning',
    readBoolean(raw, 'recursive_scanning', `${path}.recursive_scanning`, warnings),
  );
  return book;
}

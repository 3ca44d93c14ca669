import { TalariaError } from '../contract/errors';
import { isPlainObject, own, typeName } from './fields';
import { agnaiMemoryBookToWorldInfo, isAgnaiMemoryBook } from './agnaiMemoryBook';
import { normalizeCharacterBook } from './lorebook';
import type { CharacterBook, CharacterBookEntry, JsonObject } from './types';

/**
 * SillyTavern world-info files (`{entries: {"0": {uid, key, keysecondary, order, position, …}}}`)
 * and their conversion to and from the card spec's `character_book`, field for field as
 * SillyTavern's own converters do it (`convertWorldInfoToCharacterBook` when it embeds a book in
 * a card, `convertCharacterBook` when it imports one). Its entry settings that the spec has no
 * field for travel in `extensions` under the snake_case names its exporter writes, which is
 * where shared/personas reads them.
 */

/** One world-info entry; SillyTavern adds fields over time, so unknown ones are kept. */
export type WorldInfoEntry = JsonObject;

export interface WorldInfoFile {
  entries: Record<string, WorldInfoEntry>;
  /** The character_book the file was made from; SillyTavern embeds it when exporting a card. */
  originalData?: CharacterBook;
  [key: string]: unknown;
}

export interface ReadLorebookResult {
  book: CharacterBook;
  warnings: string[];
  format: 'worldInfo' | 'characterBook' | 'agnai';
  /** The SillyTavern world-info file the book was read from (Agnai books: as converted). */
  worldInfo?: WorldInfoFile;
}

/** SillyTavern's DEFAULT_DEPTH and DEFAULT_WEIGHT. */
const DEFAULT_DEPTH = 4;
const DEFAULT_WEIGHT = 100;
const POSITION_BEFORE_CHAR = 0;
const POSITION_AFTER_CHAR = 1;

/** World-info field ⇄ `extensions` key, with SillyTavern's default for a missing value. */
const EXTENSION_FIELDS: readonly [wi: string, ext: string, missing: unknown][] = [
  ['excludeRecursion', 'exclude_recursion', undefined],
  ['displayIndex', 'display_index', undefined],
  ['probability', 'probability', null],
  ['useProbability', 'useProbability', false],
  ['depth', 'depth', DEFAULT_DEPTH],
  ['selectiveLogic', 'selectiveLogic', 0],
  ['outletName', 'outlet_name', ''],
  ['group', 'group', ''],
  ['groupOverride', 'group_override', false],
  ['groupWeight', 'group_weight', null],
  ['preventRecursion', 'prevent_recursion', false],
  ['delayUntilRecursion', 'delay_until_recursion', false],
  ['scanDepth', 'scan_depth', null],
  ['matchWholeWords', 'match_whole_words', null],
  ['useGroupScoring', 'use_group_scoring', false],
  ['caseSensitive', 'case_sensitive', null],
  ['automationId', 'automation_id', ''],
  ['role', 'role', 0],
  ['vectorized', 'vectorized', false],
  ['sticky', 'sticky', null],
  ['cooldown', 'cooldown', null],
  ['delay', 'delay', null],
  ['matchPersonaDescription', 'match_persona_description', false],
  ['matchCharacterDescription', 'match_character_description', false],
  ['matchCharacterPersonality', 'match_character_personality', false],
  ['matchCharacterDepthPrompt', 'match_character_depth_prompt', false],
  ['matchScenario', 'match_scenario', false],
  ['matchCreatorNotes', 'match_creator_notes', false],
  ['triggers', 'triggers', []],
  ['ignoreBudget', 'ignore_budget', false],
];

/** What SillyTavern's reverse converter falls back to where it differs from the exporter's. */
const IMPORT_DEFAULTS: Readonly<Record<string, unknown>> = {
  excludeRecursion: false,
  probability: 100,
  useProbability: true,
  groupWeight: DEFAULT_WEIGHT,
  useGroupScoring: null,
};

const withoutUndefined = (obj: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));

/** True for a SillyTavern world-info file: `entries` is an object keyed by uid. */
export function isWorldInfoFile(value: unknown): value is WorldInfoFile {
  return isPlainObject(value) && isPlainObject(own(value, 'entries'));
}

function lorebookError(error: unknown): unknown {
  if (!(error instanceof TalariaError)) return error;
  const message = error.message.replace(/^Invalid character card: /, 'Invalid lorebook: ');
  return new TalariaError(error.code, message, error.details);
}

/** normalizeCharacterBook with messages that speak of a lorebook, not a character card. */
export function normalizeLorebook(raw: JsonObject, warnings: string[] = []): CharacterBook {
  try {
    return normalizeCharacterBook(raw, 'lorebook', warnings);
  } catch (error) {
    throw lorebookError(error);
  }
}

const keyAsId = (key: string): number | string => (/^\d+$/.test(key) ? Number(key) : key);

function mapWorldInfoEntry(entry: WorldInfoEntry, key: string, original?: JsonObject): JsonObject {
  const uid = own(entry, 'uid');
  const position = own(entry, 'position');
  const extensions: JsonObject = {
    ...(isPlainObject(original?.extensions) ? original.extensions : {}),
    ...(isPlainObject(own(entry, 'extensions')) ? (entry.extensions as JsonObject) : {}),
    position,
  };
  for (const [wi, ext, missing] of EXTENSION_FIELDS) extensions[ext] = own(entry, wi) ?? missing;
  return withoutUndefined({
    ...original,
    id: typeof uid === 'number' || typeof uid === 'string' ? uid : keyAsId(key),
    keys: own(entry, 'key'),
    secondary_keys: own(entry, 'keysecondary'),
    comment: own(entry, 'comment'),
    content: own(entry, 'content'),
    constant: own(entry, 'constant'),
    selective: own(entry, 'selective'),
    insertion_order: own(entry, 'order'),
    enabled: !own(entry, 'disable'),
    position: position == POSITION_BEFORE_CHAR ? 'before_char' : 'after_char',
    // SillyTavern marks every key regex-capable because it treats `/pattern/` keys as patterns,
    // which shared/personas does without the flag; the flag would make plain keys patterns too.
    use_regex: original?.use_regex === true,
    extensions: withoutUndefined(extensions),
  });
}

/**
 * A SillyTavern world-info file as a V3 `character_book`. When the file carries the book it was
 * made from (`originalData`), that book's own fields (entry names, priorities, book settings)
 * are kept and the world-info entries, which the user may have edited since, win.
 */
export function worldInfoToCharacterBook(
  file: WorldInfoFile,
  warnings: string[] = [],
): CharacterBook {
  const original = isPlainObject(file.originalData) ? (file.originalData as JsonObject) : {};
  const originalEntries = Array.isArray(original.entries) ? original.entries : [];
  const byId = new Map<string, JsonObject>();
  for (const entry of originalEntries) {
    if (isPlainObject(entry) && entry.id !== undefined) byId.set(String(entry.id), entry);
  }
  // Integer-like keys iterate in numeric order whatever the file says; the list order the user
  // sees in SillyTavern is `displayIndex`.
  const keys = Object.keys(file.entries);
  const displayIndex = (key: string): number => {
    const entry = file.entries[key];
    const value = isPlainObject(entry) ? entry.displayIndex : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? value : Infinity;
  };
  keys.sort((a, b) => displayIndex(a) - displayIndex(b) || 0);
  const entries = keys.map((key) => {
    const entry = file.entries[key];
    if (!isPlainObject(entry)) {
      throw new TalariaError(
        'INVALID_INPUT',
        `Invalid lorebook: world-info entry "${key}" must be an object, but it is ${typeName(entry)}.`,
      );
    }
    const uid = own(entry, 'uid');
    return mapWorldInfoEntry(entry, key, byId.get(String(uid ?? key)));
  });
  const name = typeof file.name === 'string' ? file.name : undefined;
  const raw = withoutUndefined({ ...original, name: name ?? original.name, entries });
  return normalizeLorebook(raw, warnings);
}

/** Ids not used by any entry, lowest first (SillyTavern's way of filling in missing ones). */
function idAllocator(entries: readonly CharacterBookEntry[]): () => number {
  const used = new Set(entries.filter((e) => e.id !== undefined).map((e) => String(e.id)));
  let next = 0;
  return () => {
    while (used.has(String(next))) next++;
    used.add(String(next));
    return next++;
  };
}

/** A `character_book` as a SillyTavern world-info file (what its "Export" button writes). */
export function characterBookToWorldInfo(book: CharacterBook): WorldInfoFile {
  const nextId = idAllocator(book.entries);
  const entries: Record<string, WorldInfoEntry> = {};
  // The embedded book gets the ids too (as SillyTavern's converter gives them), so a later
  // import finds each entry's name, priority and other spec fields again.
  const withIds = book.entries.map((entry) =>
    entry.id === undefined ? { ...entry, id: nextId() } : entry,
  );
  withIds.forEach((entry, index) => {
    const ext: JsonObject = isPlainObject(entry.extensions) ? entry.extensions : {};
    const uid = entry.id as number | string;
    const wi: WorldInfoEntry = {
      uid,
      key: entry.keys,
      keysecondary: entry.secondary_keys ?? [],
      comment: entry.comment ?? '',
      content: entry.content,
      constant: entry.constant ?? false,
      selective: entry.selective ?? false,
      order: entry.insertion_order,
      position:
        ext.position ??
        (entry.position === 'before_char' ? POSITION_BEFORE_CHAR : POSITION_AFTER_CHAR),
      disable: !entry.enabled,
      addMemo: Boolean(entry.comment),
    };
    for (const [field, key, missing] of EXTENSION_FIELDS) {
      wi[field] = ext[key] ?? (field in IMPORT_DEFAULTS ? IMPORT_DEFAULTS[field] : missing);
    }
    wi.displayIndex = ext.display_index ?? index;
    // The spec's own field, for books that never went through SillyTavern.
    wi.caseSensitive = ext.case_sensitive ?? entry.case_sensitive ?? null;
    wi.extensions = ext;
    entries[String(uid)] = wi;
  });
  return { entries, originalData: { ...book, entries: withIds } };
}

function fromCard(value: JsonObject): JsonObject | null {
  const data = own(value, 'data');
  if (!isPlainObject(data)) return null;
  const spec = own(value, 'spec');
  if (typeof spec === 'string' && spec.startsWith('lorebook')) return data;
  const book = own(data, 'character_book');
  return isPlainObject(book) ? book : null;
}

/**
 * Reads a lorebook from parsed JSON: a SillyTavern world-info file, a `character_book`
 * (`{entries: [...]}`), a V3 `lorebook_v3` file, or a character card with a book. Throws
 * INVALID_INPUT saying what is wrong.
 */
export function readLorebookJson(value: unknown): ReadLorebookResult {
  const warnings: string[] = [];
  if (!isPlainObject(value)) {
    throw new TalariaError(
      'INVALID_INPUT',
      `This is not a lorebook: expected a JSON object, got ${typeName(value)}.`,
    );
  }
  if (isWorldInfoFile(value)) {
    const book = worldInfoToCharacterBook(value, warnings);
    return { book, warnings, format: 'worldInfo', worldInfo: value };
  }
  if (isAgnaiMemoryBook(value)) {
    const worldInfo = agnaiMemoryBookToWorldInfo(value);
    const book = worldInfoToCharacterBook(worldInfo, warnings);
    return { book, warnings, format: 'agnai', worldInfo };
  }
  const raw = Array.isArray(own(value, 'entries')) ? value : fromCard(value);
  if (!raw) {
    throw new TalariaError(
      'INVALID_INPUT',
      'This is not a lorebook: expected SillyTavern world info ({"entries": {…}}) or a ' +
        'character_book ({"entries": […]}).',
    );
  }
  return { book: normalizeLorebook(raw, warnings), warnings, format: 'characterBook' };
}

import type { CharacterBook, CharacterBookEntry, JsonObject } from '../../../../shared/cards';
import { compileKey } from '../../../../shared/personas/keyMatcher';
import { entryLabel, resolveLoreEntry } from '../../../../shared/personas/loreEntry';
import type { SelectiveLogic } from '../../../../shared/personas/lorebookTypes';

export type EntryPosition =
  'before_char' | 'after_char' | 'before_examples' | 'after_examples' | 'at_depth';
export type EntryRole = 'system' | 'user' | 'assistant';

/** One lorebook entry as the entry editor shows it: what the activation code will read. */
export interface EntryView {
  enabled: boolean;
  comment: string;
  keys: string[];
  secondaryKeys: string[];
  logic: SelectiveLogic;
  content: string;
  constant: boolean;
  caseSensitive: boolean;
  wholeWords: boolean;
  useRegex: boolean;
  insertionOrder: number;
  /** Null: the insertion order decides. */
  priority: number | null;
  position: EntryPosition;
  depth: number;
  role: EntryRole;
  /** 0–100 */
  probability: number;
  /** A SillyTavern position Talaria has no place for (Author's Note, outlets), else null. */
  foreignPosition: number | null;
}

export type EntryPatch = Partial<Omit<EntryView, 'foreignPosition'>>;

/** SillyTavern's `extensions.selectiveLogic` numbers (world_info_logic). */
export const LOGIC_CODES: Record<SelectiveLogic, number> = {
  AND_ANY: 0,
  NOT_ALL: 1,
  NOT_ANY: 2,
  AND_ALL: 3,
};

/** SillyTavern's `extensions.position` numbers for the places Talaria puts entries. */
export const POSITION_CODES: Record<EntryPosition, number> = {
  before_char: 0,
  after_char: 1,
  before_examples: 5,
  after_examples: 6,
  at_depth: 4,
};

const ROLES: readonly EntryRole[] = ['system', 'user', 'assistant'];
const KNOWN_POSITIONS = new Set(Object.values(POSITION_CODES));

export function readEntry(entry: CharacterBookEntry, index = 0): EntryView {
  const r = resolveLoreEntry(entry, index, []);
  const raw = entry.extensions.position;
  return {
    enabled: r.enabled,
    comment: typeof entry.comment === 'string' ? entry.comment : '',
    keys: r.keys,
    secondaryKeys: r.secondaryKeys,
    logic: r.logic,
    content: typeof entry.content === 'string' ? entry.content : '',
    constant: r.constant,
    caseSensitive: r.caseSensitive === true,
    wholeWords: r.matchWholeWords === true,
    useRegex: r.useRegex,
    insertionOrder: r.insertionOrder,
    priority: typeof entry.priority === 'number' ? entry.priority : null,
    position: r.position,
    depth: r.depth,
    role: r.role,
    probability: r.probability,
    foreignPosition: typeof raw === 'number' && !KNOWN_POSITIONS.has(raw) ? raw : null,
  };
}

/**
 * The entry with `patch` applied, written where the activation code and SillyTavern read each
 * setting (core field or `extensions`). Keys the entry already carries in the other place are
 * kept in step, so the two never disagree. Unknown fields are kept.
 */
export function writeEntry(entry: CharacterBookEntry, patch: EntryPatch): CharacterBookEntry {
  const next: CharacterBookEntry = { ...entry };
  const ext: JsonObject = { ...entry.extensions };
  const both = (core: string, extension: string, value: unknown): void => {
    if (core in next) next[core] = value;
    if (extension in ext) ext[extension] = value;
  };
  if (patch.enabled !== undefined) next.enabled = patch.enabled;
  if (patch.comment !== undefined) next.comment = patch.comment;
  if (patch.keys !== undefined) next.keys = patch.keys;
  if (patch.content !== undefined) next.content = patch.content;
  if (patch.constant !== undefined) next.constant = patch.constant;
  if (patch.useRegex !== undefined) next.use_regex = patch.useRegex;
  if (patch.insertionOrder !== undefined) next.insertion_order = patch.insertionOrder;
  if (patch.secondaryKeys !== undefined) {
    next.secondary_keys = patch.secondaryKeys;
    next.selective = true;
  }
  if (patch.logic !== undefined) {
    ext.selectiveLogic = LOGIC_CODES[patch.logic];
    next.selective = true;
  }
  if (patch.caseSensitive !== undefined) {
    next.case_sensitive = patch.caseSensitive;
    both('case_sensitive', 'case_sensitive', patch.caseSensitive);
  }
  if (patch.wholeWords !== undefined) {
    ext.match_whole_words = patch.wholeWords;
    both('match_whole_words', 'match_whole_words', patch.wholeWords);
  }
  if (patch.priority !== undefined) {
    if (patch.priority === null) delete next.priority;
    else next.priority = patch.priority;
  }
  if (patch.position !== undefined) {
    ext.position = POSITION_CODES[patch.position];
    // The spec's own field knows only these two; SillyTavern reads the number above.
    next.position = patch.position === 'before_char' ? 'before_char' : 'after_char';
  }
  if (patch.depth !== undefined) ext.depth = Math.max(0, Math.floor(patch.depth));
  if (patch.role !== undefined) ext.role = ROLES.indexOf(patch.role);
  if (patch.probability !== undefined) {
    const value = Math.min(Math.max(Math.round(patch.probability), 0), 100);
    ext.probability = value;
    ext.useProbability = true;
    if ('probability' in next) next.probability = value;
  }
  next.extensions = ext;
  return next;
}

/** A new, enabled entry with SillyTavern's defaults and the next free numeric id. */
export function newEntry(entries: readonly CharacterBookEntry[]): CharacterBookEntry {
  const ids = entries.map((e) => e.id).filter((id): id is number => typeof id === 'number');
  return {
    id: ids.length ? Math.max(...ids) + 1 : entries.length,
    keys: [],
    secondary_keys: [],
    comment: '',
    content: '',
    constant: false,
    selective: true,
    insertion_order: 100,
    enabled: true,
    position: 'after_char',
    use_regex: false,
    extensions: {},
  };
}

/** What a collapsed row shows: the entry's name and the first line of its content. */
export function entrySummary(
  entry: CharacterBookEntry,
  index: number,
): {
  title: string;
  firstLine: string;
} {
  const content = typeof entry.content === 'string' ? entry.content : '';
  const firstLine = content.split('\n').find((line) => line.trim() !== '') ?? '';
  return { title: entryLabel(entry, index), firstLine: firstLine.trim() };
}

/** The reason a key will never match (an invalid or unsafe pattern), or null when it is fine. */
export function keyProblem(
  key: string,
  view: Pick<EntryView, 'caseSensitive' | 'wholeWords' | 'useRegex'>,
): string | null {
  const compiled = compileKey(key, {
    caseSensitive: view.caseSensitive,
    wholeWords: view.wholeWords,
    useRegex: view.useRegex,
  });
  return compiled && !compiled.ok ? compiled.error : null;
}

export interface BookSettings {
  /** Null: the default (the last 2 messages). */
  scanDepth: number | null;
  /** Null: no limit. */
  tokenBudget: number | null;
  recursive: boolean;
}

export function readBookSettings(book: CharacterBook): BookSettings {
  return {
    scanDepth: typeof book.scan_depth === 'number' ? book.scan_depth : null,
    tokenBudget: typeof book.token_budget === 'number' ? book.token_budget : null,
    recursive: book.recursive_scanning === true,
  };
}

export function writeBookSettings(
  book: CharacterBook,
  patch: Partial<BookSettings>,
): CharacterBook {
  const next: CharacterBook = { ...book };
  const set = (key: 'scan_depth' | 'token_budget', value: number | null | undefined): void => {
    if (value === undefined) return;
    if (value === null) delete next[key];
    else next[key] = Math.max(0, Math.floor(value));
  };
  set('scan_depth', patch.scanDepth);
  set('token_budget', patch.tokenBudget);
  if (patch.recursive !== undefined) next.recursive_scanning = patch.recursive;
  return next;
}

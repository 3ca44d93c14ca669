import type { JsonObject } from '../cards';
import type { LorebookEntry, LorePosition, LoreScanSources, SelectiveLogic } from './lorebookTypes';

/** An entry's settings with SillyTavern's `extensions` folded in and defaults applied. */
export interface ResolvedLoreEntry {
  entry: LorebookEntry;
  index: number;
  label: string;
  keys: string[];
  secondaryKeys: string[];
  /** Secondary keys take part only when set and non-empty. */
  selective: boolean;
  logic: SelectiveLogic;
  constant: boolean;
  enabled: boolean;
  insertionOrder: number;
  priority: number;
  position: LorePosition;
  depth: number;
  role: 'system' | 'user' | 'assistant';
  caseSensitive: boolean | undefined;
  matchWholeWords: boolean | undefined;
  useRegex: boolean;
  scanDepth: number | undefined;
  /** 0..100; 100 = always. */
  probability: number;
  excludeRecursion: boolean;
  preventRecursion: boolean;
  delayUntilRecursion: boolean;
  ignoreBudget: boolean;
  matchSources: (keyof LoreScanSources)[];
}

/** SillyTavern's DEFAULT_DEPTH for "@D" entries. */
const DEFAULT_DEPTH = 4;
const LOGIC: readonly SelectiveLogic[] = ['AND_ANY', 'NOT_ALL', 'NOT_ANY', 'AND_ALL'];
const ROLES = ['system', 'user', 'assistant'] as const;
const SOURCE_FLAGS: readonly [string, keyof LoreScanSources][] = [
  ['match_persona_description', 'personaDescription'],
  ['match_character_description', 'characterDescription'],
  ['match_character_personality', 'characterPersonality'],
  ['match_scenario', 'scenario'],
  ['match_creator_notes', 'creatorNotes'],
];

const bool = (value: unknown): boolean | undefined =>
  typeof value === 'boolean' ? value : undefined;
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function readLogic(entry: LorebookEntry, ext: JsonObject): SelectiveLogic {
  const raw = ext.selectiveLogic ?? ext.selective_logic ?? entry.selectiveLogic;
  if (typeof raw === 'number') return LOGIC[raw] ?? 'AND_ANY';
  if (typeof raw === 'string') {
    const named = raw.toUpperCase() as SelectiveLogic;
    return LOGIC.includes(named) ? named : 'AND_ANY';
  }
  return 'AND_ANY';
}

/**
 * The position: SillyTavern's numeric `extensions.position` wins (its importer reads it first),
 * then the spec's `position`, which defaults to after the character as in SillyTavern.
 * Positions Talaria has no place for (Author's Note, outlets) go after the character.
 */
function readPosition(
  entry: LorebookEntry,
  ext: JsonObject,
  warn: (message: string) => void,
): LorePosition {
  const numeric = num(ext.position);
  if (numeric !== undefined) {
    const known: Record<number, LorePosition> = {
      0: 'before_char',
      1: 'after_char',
      4: 'at_depth',
      5: 'before_examples',
      6: 'after_examples',
    };
    const position = known[numeric];
    if (position) return position;
    warn(`uses SillyTavern position ${numeric}, which Talaria places after the character`);
    return 'after_char';
  }
  return entry.position === 'before_char' ? 'before_char' : 'after_char';
}

function readProbability(entry: LorebookEntry, ext: JsonObject): number {
  if (bool(ext.useProbability) === false) return 100;
  const value = num(ext.probability) ?? num(entry.probability);
  return value === undefined ? 100 : Math.min(Math.max(value, 0), 100);
}

export function entryLabel(entry: LorebookEntry, index: number): string {
  const text = [entry.comment, entry.name, strings(entry.keys)[0]].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  return text?.trim() ?? `entry ${index + 1}`;
}

export function resolveLoreEntry(
  entry: LorebookEntry,
  index: number,
  warnings: string[],
): ResolvedLoreEntry {
  const ext: JsonObject =
    typeof entry.extensions === 'object' && entry.extensions !== null ? entry.extensions : {};
  const label = entryLabel(entry, index);
  const warn = (message: string): void => {
    warnings.push(`Lorebook entry "${label}" ${message}.`);
  };
  const insertionOrder = num(entry.insertion_order) ?? 100;
  const role = num(ext.role);
  return {
    entry,
    index,
    label,
    keys: strings(entry.keys),
    secondaryKeys: strings(entry.secondary_keys),
    selective: entry.selective === true,
    logic: readLogic(entry, ext),
    constant: entry.constant === true,
    enabled: entry.enabled !== false,
    insertionOrder,
    priority: num(entry.priority) ?? insertionOrder,
    position: readPosition(entry, ext, warn),
    depth: Math.max(0, Math.floor(num(ext.depth) ?? num(entry.depth) ?? DEFAULT_DEPTH)),
    role: (role === undefined ? undefined : ROLES[role]) ?? 'system',
    caseSensitive: bool(entry.case_sensitive) ?? bool(ext.case_sensitive),
    matchWholeWords: bool(ext.match_whole_words) ?? bool(entry.match_whole_words),
    useRegex: entry.use_regex === true,
    scanDepth: num(ext.scan_depth) ?? num(entry.scan_depth),
    probability: readProbability(entry, ext),
    excludeRecursion: bool(ext.exclude_recursion) ?? false,
    preventRecursion: bool(ext.prevent_recursion) ?? false,
    delayUntilRecursion: Boolean(ext.delay_until_recursion),
    ignoreBudget: bool(ext.ignore_budget) ?? false,
    matchSources: SOURCE_FLAGS.filter(([flag]) => ext[flag] === true).map(([, field]) => field),
  };
}

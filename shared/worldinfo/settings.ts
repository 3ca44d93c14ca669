import { TalariaError } from '../contract/errors';
import type { InsertionStrategy, WorldInfoSettings } from './types';

/**
 * SillyTavern's defaults: a fresh install's `default/content/settings.json` (depth 2, budget 25 %,
 * recursion on with no step limit, whole words on, character lore first).
 */
export const DEFAULT_WORLD_INFO_SETTINGS: Readonly<WorldInfoSettings> = {
  depth: 2,
  minActivations: 0,
  minActivationsDepthMax: 0,
  budget: 25,
  budgetCap: 0,
  includeNames: true,
  recursive: true,
  maxRecursionSteps: 0,
  caseSensitive: false,
  matchWholeWords: true,
  useGroupScoring: false,
  characterStrategy: 'character_first',
  overflowAlert: false,
};

const STRATEGIES: readonly InsertionStrategy[] = ['evenly', 'character_first', 'global_first'];

type Kind = 'number' | 'boolean' | 'strategy';
/** SillyTavern's setting name → ours. */
const NAMES: readonly [st: string, ours: keyof WorldInfoSettings, kind: Kind][] = [
  ['world_info_depth', 'depth', 'number'],
  ['world_info_min_activations', 'minActivations', 'number'],
  ['world_info_min_activations_depth_max', 'minActivationsDepthMax', 'number'],
  ['world_info_budget', 'budget', 'number'],
  ['world_info_budget_cap', 'budgetCap', 'number'],
  ['world_info_include_names', 'includeNames', 'boolean'],
  ['world_info_recursive', 'recursive', 'boolean'],
  ['world_info_max_recursion_steps', 'maxRecursionSteps', 'number'],
  ['world_info_case_sensitive', 'caseSensitive', 'boolean'],
  ['world_info_match_whole_words', 'matchWholeWords', 'boolean'],
  ['world_info_use_group_scoring', 'useGroupScoring', 'boolean'],
  ['world_info_character_strategy', 'characterStrategy', 'strategy'],
  ['world_info_overflow_alert', 'overflowAlert', 'boolean'],
];

/** SillyTavern settings this app reads without acting on them (nothing to do here). */
const KNOWN_OTHERS = new Set(['world_info', 'globalSelect', 'charLore']);

/**
 * Reads SillyTavern's `world_info_settings` object (its own names; a whole settings.json with a
 * `world_info_settings` key works too). Missing settings take SillyTavern's defaults; unknown
 * names come back as warnings; a wrongly typed value is INVALID_INPUT.
 */
export function readWorldInfoSettings(raw: unknown): {
  settings: WorldInfoSettings;
  warnings: string[];
} {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TalariaError('INVALID_INPUT', 'World-info settings must be a JSON object.');
  }
  let obj = raw as Record<string, unknown>;
  const nested = obj.world_info_settings;
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    obj = nested as Record<string, unknown>;
  }
  const settings: WorldInfoSettings = { ...DEFAULT_WORLD_INFO_SETTINGS };
  const warnings: string[] = [];
  const known = new Set(NAMES.map(([st]) => st));
  for (const [st, ours, kind] of NAMES) {
    const value = obj[st];
    if (value === undefined || value === null) continue;
    if (kind === 'boolean') {
      if (typeof value !== 'boolean') throw badSetting(st, 'true or false', value);
      (settings[ours] as boolean) = value;
    } else if (kind === 'number') {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw badSetting(st, 'a number', value);
      (settings[ours] as number) = n;
    } else {
      const strategy = STRATEGIES[Number(value)];
      if (!strategy) throw badSetting(st, '0, 1 or 2', value);
      settings.characterStrategy = strategy;
    }
  }
  for (const name of Object.keys(obj)) {
    if (!known.has(name) && !KNOWN_OTHERS.has(name)) {
      warnings.push(`The setting "${name}" is not a SillyTavern world-info setting; ignored.`);
    }
  }
  return { settings, warnings };
}

function badSetting(name: string, expected: string, value: unknown): TalariaError {
  return new TalariaError(
    'INVALID_INPUT',
    `The world-info setting ${name} must be ${expected}, but it is ${JSON.stringify(value)}.`,
  );
}

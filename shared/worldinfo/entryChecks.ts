import type { ScanBuffer } from './ScanBuffer';
import { field, type ScanEntry } from './scanEntry';
import type { ActivationCause, SkippedEntry, WorldInfoScanInput } from './types';

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * SillyTavern's per-entry filters before any key is read: `characterFilter` (names, tags,
 * `isExclude`) and generation `triggers`. Returns why the entry is out, or null.
 */
export function passesFilters(
  entry: ScanEntry,
  input: Pick<WorldInfoScanInput, 'character' | 'trigger'>,
): SkippedEntry['reason'] | null {
  const filter = field(entry, 'characterFilter');
  if (typeof filter === 'object' && filter !== null) {
    const f = filter as { names?: unknown; tags?: unknown; isExclude?: unknown };
    const names = list(f.names);
    // SillyTavern names a character by its card's file name; here that is its name.
    if (names.length > 0) {
      const included = input.character !== undefined && names.includes(input.character.name);
      if (f.isExclude ? included : !included) return 'character_filter';
    }
    const tags = list(f.tags);
    // Without a character there are no tags to test, and SillyTavern lets the entry through.
    if (tags.length > 0 && input.character) {
      const hasTag = input.character.tags.some((t) => tags.includes(t));
      if (f.isExclude ? hasTag : !hasTag) return 'character_filter';
    }
  }
  const triggers = list(field(entry, 'triggers'));
  if (triggers.length > 0 && !triggers.includes(input.trigger ?? 'normal')) return 'trigger';
  return null;
}

/** Primary keys, then secondary keys under the entry's `selectiveLogic`. */
export function primaryMatch(
  entry: ScanEntry,
  buffer: ScanBuffer,
  text: string,
  expand: (text: string) => string,
): ActivationCause | null {
  if (!entry.keys || entry.keys.length === 0) return null;
  const hit = (key: string): boolean => {
    const substituted = expand(key);
    return substituted !== '' && buffer.matches(text, substituted.trim(), entry);
  };
  const key = entry.keys.find(hit);
  if (key === undefined) return null;
  const secondary = entry.secondaryKeys ?? [];
  if (!field(entry, 'selective') || secondary.length === 0) return { kind: 'key', key };
  const logic = Number(field(entry, 'selectiveLogic') ?? 0);
  const found = secondary.filter(hit);
  // Same outcomes as SillyTavern's early-returning loop: AND_ANY needs one secondary key,
  // NOT_ALL one missing, NOT_ANY none found, AND_ALL every one found.
  const pass =
    logic === 0
      ? found.length > 0
      : logic === 1
        ? found.length < secondary.length
        : logic === 2
          ? found.length === 0
          : logic === 3
            ? found.length === secondary.length
            : false;
  return pass ? { kind: 'key', key, secondaryKeys: found } : null;
}

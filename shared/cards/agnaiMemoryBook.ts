import { isPlainObject } from './fields';
import type { JsonObject } from './types';
import type { WorldInfoFile } from './worldInfo';

/** SillyTavern's template for a new world-info entry (its `newWorldInfoEntryDefinition`). */
export const NEW_WORLD_INFO_ENTRY: Readonly<JsonObject> = {
  key: [],
  keysecondary: [],
  comment: '',
  content: '',
  constant: false,
  vectorized: false,
  selective: true,
  selectiveLogic: 0,
  addMemo: false,
  order: 100,
  position: 0,
  disable: false,
  excludeRecursion: false,
  preventRecursion: false,
  delayUntilRecursion: 0,
  probability: 100,
  useProbability: true,
  depth: 4,
  group: '',
  groupOverride: false,
  groupWeight: 100,
  scanDepth: null,
  caseSensitive: null,
  matchWholeWords: null,
  useGroupScoring: null,
  automationId: '',
  role: 0,
  sticky: null,
  cooldown: null,
  delay: null,
};

/** An Agnai memory book: `{kind: "memory", entries: [{name, entry, keywords, weight, enabled}]}`. */
export function isAgnaiMemoryBook(value: unknown): value is JsonObject & { entries: unknown[] } {
  return isPlainObject(value) && value.kind === 'memory' && Array.isArray(value.entries);
}

/**
 * An Agnai memory book as the world-info file SillyTavern's importer makes of it: each memory
 * becomes a non-selective entry before the character, its `weight` the insertion order.
 */
export function agnaiMemoryBookToWorldInfo(
  book: JsonObject & { entries: unknown[] },
): WorldInfoFile {
  const entries: Record<string, JsonObject> = {};
  book.entries.forEach((raw, index) => {
    const memory = isPlainObject(raw) ? raw : {};
    entries[String(index)] = {
      ...NEW_WORLD_INFO_ENTRY,
      uid: index,
      key: memory.keywords,
      keysecondary: [],
      comment: memory.name,
      content: memory.entry,
      selective: false,
      order: memory.weight,
      position: 0,
      disable: !memory.enabled,
      addMemo: Boolean(memory.name),
      delayUntilRecursion: false,
      displayIndex: index,
    };
  });
  // Like SillyTavern, the book is named after its file, not its `name`.
  return { entries };
}

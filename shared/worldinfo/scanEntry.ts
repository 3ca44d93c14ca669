import { parseDecorators } from './matching';
import type { InsertionStrategy, WorldInfoBook, WorldInfoEntry } from './types';

/** SillyTavern's DEFAULT_DEPTH and DEFAULT_WEIGHT. */
export const DEFAULT_DEPTH = 4;
export const DEFAULT_WEIGHT = 100;

/** An entry ready to scan: its book, decorators parsed, and an identity for timers. */
export interface ScanEntry {
  book: string;
  uid: string | number;
  raw: WorldInfoEntry;
  keys: string[] | null;
  secondaryKeys: string[] | null;
  content: string;
  decorators: string[];
  /** `book.uid`: where the chat's timers are kept. */
  timerKey: string;
  /** Changes when the entry changes, so a timer of an edited entry lapses as in SillyTavern. */
  hash: string;
  order: number;
}

const strings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : String(v))) : null;

/** A 53-bit string hash (cyrb53); stable across runs, nothing cryptographic needed. */
export function stringHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** SillyTavern's sortFn: higher `order` first, stable otherwise. */
export const byOrderDesc = (a: { order: number }, b: { order: number }): number =>
  b.order - a.order;

function toScanEntries(book: WorldInfoBook): ScanEntry[] {
  return book.entries.map((raw, index) => {
    const uid = typeof raw.uid === 'number' || typeof raw.uid === 'string' ? raw.uid : index;
    const { decorators, content } = parseDecorators(
      typeof raw.content === 'string' ? raw.content : '',
    );
    const order = Number(raw.order);
    return {
      book: book.name,
      uid,
      raw,
      keys: strings(raw.key),
      secondaryKeys: strings(raw.keysecondary),
      content,
      decorators,
      timerKey: `${book.name}.${uid}`,
      hash: stringHash(JSON.stringify({ book: book.name, ...raw })),
      order: Number.isFinite(order) ? order : 0,
    };
  });
}

/**
 * All books' entries in SillyTavern's scan order: chat lore first, then character and global
 * lore by the insertion strategy, each part sorted by `order` (highest first).
 */
export function sortedEntries(
  books: readonly WorldInfoBook[],
  strategy: InsertionStrategy,
): ScanEntry[] {
  const of = (source: WorldInfoBook['source']): ScanEntry[] =>
    books.filter((b) => b.source === source).flatMap(toScanEntries);
  const chat = of('chat').sort(byOrderDesc);
  const character = of('character');
  const global = of('global');
  const rest =
    strategy === 'character_first'
      ? [...character.sort(byOrderDesc), ...global.sort(byOrderDesc)]
      : strategy === 'global_first'
        ? [...global.sort(byOrderDesc), ...character.sort(byOrderDesc)]
        : [...global, ...character].sort(byOrderDesc);
  return [...chat, ...rest];
}

/** Reads a field the way SillyTavern's loose JavaScript does (`??` over null/undefined). */
export const field = (entry: ScanEntry, name: string): unknown => entry.raw[name];
export const flag = (entry: ScanEntry, name: string): boolean => Boolean(entry.raw[name]);
export const optionalBool = (entry: ScanEntry, name: string): boolean | undefined => {
  const value = entry.raw[name];
  return value === null || value === undefined ? undefined : Boolean(value);
};

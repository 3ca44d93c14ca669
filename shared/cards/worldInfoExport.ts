import { isPlainObject } from './fields';
import type { CharacterBook, JsonObject } from './types';
import {
  characterBookToWorldInfo,
  worldInfoToCharacterBook,
  type WorldInfoFile,
} from './worldInfo';

/** The world-info file a book was imported from, kept so its export gives it back unchanged. */
export interface WorldInfoSource {
  /** The file name it was imported under (decides the book's name when the file has none). */
  fileName: string;
  file: WorldInfoFile;
}

/** The name an imported book gets: its own, else the file's name, else "Lorebook". */
export function importedBookName(book: { name?: string }, fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return book.name?.trim() || last.replace(/\.[^.]*$/, '').trim() || 'Lorebook';
}

/** The book exactly as an import of `source` stores it. */
export function bookFromSource(source: WorldInfoSource): CharacterBook {
  const book = worldInfoToCharacterBook(source.file);
  return { ...book, name: importedBookName(book, source.fileName) };
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && equal((a as JsonObject)[k], (b as JsonObject)[k]));
}

/**
 * Three-way merge: `source` is the file as imported, `base` what converting it back out gives,
 * `current` the conversion of the book as it is now. A field the user did not change (equal in
 * base and current) keeps the source's exact value — its type, its null, its place, even
 * fields Talaria has no use for — and a changed field takes the current value.
 */
function merge(source: JsonObject, base: JsonObject, current: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(source)) {
    const inBase = Object.hasOwn(base, key);
    const inCurrent = Object.hasOwn(current, key);
    if (!inBase || equal(base[key], current[key])) {
      // Untouched, or a field the conversion never produces: as it was.
      if (inCurrent || !inBase) out[key] = source[key];
      continue;
    }
    if (!inCurrent) continue;
    const s = source[key];
    const b = base[key];
    const c = current[key];
    out[key] = isPlainObject(s) && isPlainObject(b) && isPlainObject(c) ? merge(s, b, c) : c;
  }
  for (const key of Object.keys(current)) {
    if (Object.hasOwn(source, key)) continue;
    // A key the conversion adds on its own (unchanged since import) was not in the file.
    if (Object.hasOwn(base, key) && equal(base[key], current[key])) continue;
    out[key] = current[key];
  }
  return out;
}

/**
 * A book as SillyTavern world-info JSON. With the file it was imported from, every field of
 * that file comes back as it was unless the user changed it in Talaria (then the change is
 * written in SillyTavern's own field).
 */
export function exportWorldInfo(book: CharacterBook, source?: WorldInfoSource): WorldInfoFile {
  const current = characterBookToWorldInfo(book);
  if (!source) return current;
  const base = characterBookToWorldInfo(bookFromSource(source));
  return merge(source.file, base, current) as WorldInfoFile;
}

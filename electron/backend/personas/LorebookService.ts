import { TalariaError } from '../../../shared/contract/errors';
import type { ExportedFile, Lorebook, LorebookSummary } from '../../../shared/contract/personas';
import { encodeBase64, encodeUtf8 } from '../../../shared/cards/bytes';
import type { JsonObject } from '../../../shared/cards';
import { normalizeLorebook, readLorebookJson } from '../../../shared/cards/worldInfo';
import type { WorldInfoFile } from '../../../shared/cards/worldInfo';
import { exportWorldInfo, importedBookName } from '../../../shared/cards/worldInfoExport';
import { unsupportedFeatures } from '../../../shared/worldinfo';
import type { Store } from '../store';
import { safeFileName } from './fileNames';
import type { Emit, PersonaServiceDeps } from './types';

/** Standalone world-info books, stored as V3 `character_book` objects. */
export class LorebookService {
  private readonly store: Store;
  private readonly emit: Emit;

  constructor(deps: PersonaServiceDeps) {
    this.store = deps.store;
    this.emit = deps.emit;
  }

  list(): LorebookSummary[] {
    return this.store.lorebooks.list();
  }

  find(id: string): Lorebook | null {
    return this.store.lorebooks.get(id);
  }

  get(id: string): Lorebook {
    const book = this.find(id);
    if (!book) throw new TalariaError('NOT_FOUND', 'That lorebook does not exist any more.');
    return book;
  }

  /** Creates (no id) or updates a book; INVALID_INPUT names a wrongly typed field. */
  save(id: string | undefined, name: string, book: JsonObject): Lorebook {
    const trimmed = name.trim();
    if (trimmed === '') throw new TalariaError('INVALID_INPUT', 'A lorebook needs a name.');
    const normalized = { ...normalizeLorebook(book), name: trimmed };
    if (id !== undefined) this.get(id);
    const saved =
      id === undefined
        ? this.store.lorebooks.insert({ name: trimmed, book: normalized })
        : this.store.lorebooks.update(id, { name: trimmed, book: normalized });
    this.changed(saved.id);
    return saved;
  }

  delete(id: string): void {
    this.get(id);
    this.store.lorebooks.delete(id);
    this.changed(id);
  }

  /** A SillyTavern world-info file, a character_book, or a card with one. Nothing is stored on error. */
  importText(fileName: string, text: string): { lorebook: Lorebook; warnings: string[] } {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TalariaError('INVALID_INPUT', `The lorebook file is not valid JSON (${reason}).`);
    }
    const { book, warnings, worldInfo } = readLorebookJson(value);
    const name = importedBookName(book, fileName);
    const source = worldInfo ? { fileName, file: worldInfo } : undefined;
    const lorebook = this.store.lorebooks.insert({
      name,
      book: { ...book, name },
      ...(source ? { source } : {}),
    });
    this.changed(lorebook.id);
    const entries = Object.values(exportWorldInfo(lorebook.book, source).entries);
    return { lorebook, warnings: [...warnings, ...unsupportedFeatures(entries, book)] };
  }

  /**
   * The book as SillyTavern world info: for a book imported from world info, that file with
   * the user's edits applied and every other field as it was.
   */
  worldInfo(id: string): WorldInfoFile {
    const lorebook = this.get(id);
    return exportWorldInfo(lorebook.book, this.store.lorebooks.source(id) ?? undefined);
  }

  /** SillyTavern world-info JSON (`st`, the default) or the card spec's `character_book`. */
  exportFile(id: string, format: 'st' | 'card' = 'st'): ExportedFile {
    const lorebook = this.get(id);
    const value = format === 'card' ? lorebook.book : this.worldInfo(id);
    return {
      fileName: safeFileName(lorebook.name, 'json', 'lorebook'),
      mimeType: 'application/json',
      data: encodeBase64(encodeUtf8(JSON.stringify(value, null, 2))),
    };
  }

  private changed(id: string | null): void {
    this.emit('personas.changed', { kind: 'lorebook', id });
  }
}

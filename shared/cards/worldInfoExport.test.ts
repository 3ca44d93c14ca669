import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookFromSource, exportWorldInfo } from './worldInfoExport';
import type { WorldInfoFile } from './worldInfo';

const corpus = join(__dirname, '../worldinfo/corpus');
const books = readdirSync(corpus).filter((f) => f.endsWith('.json'));
const load = (name: string): WorldInfoFile =>
  JSON.parse(readFileSync(join(corpus, name), 'utf8')) as WorldInfoFile;

describe('exportWorldInfo: real SillyTavern books round-trip', () => {
  it('has books to test', () => {
    expect(books.length).toBeGreaterThanOrEqual(3);
  });

  it.each(books)('%s comes back unchanged', (name) => {
    const file = load(name);
    const source = { fileName: name, file };
    // Through JSON, as the store keeps it.
    const stored = JSON.parse(JSON.stringify(bookFromSource(source))) as ReturnType<
      typeof bookFromSource
    >;
    expect(JSON.stringify(exportWorldInfo(stored, source))).toBe(JSON.stringify(file));
  });

  it.each(books)('%s keeps every other field when one entry is edited', (name) => {
    const file = load(name);
    const source = { fileName: name, file };
    const book = bookFromSource(source);
    const first = book.entries[0]!;
    const edited = {
      ...book,
      entries: [{ ...first, content: 'changed', insertion_order: 7 }, ...book.entries.slice(1)],
    };
    const out = exportWorldInfo(edited, source);
    const uid = String(first.id);
    const before = file.entries[uid]!;
    const after = out.entries[uid]!;
    expect(after.content).toBe('changed');
    expect(after.order).toBe(7);
    for (const key of Object.keys(before)) {
      if (key !== 'content' && key !== 'order') expect(after[key], key).toEqual(before[key]);
    }
    for (const other of Object.keys(file.entries).filter((k) => k !== uid)) {
      expect(out.entries[other]).toEqual(file.entries[other]);
    }
  });

  it('drops an entry the user deleted', () => {
    const file = load(books[0]!);
    const source = { fileName: books[0]!, file };
    const book = bookFromSource(source);
    const out = exportWorldInfo({ ...book, entries: book.entries.slice(1) }, source);
    expect(Object.keys(out.entries)).toHaveLength(Object.keys(file.entries).length - 1);
  });
});

describe('a character_book without entry ids', () => {
  it('keeps names, priorities and spec fields through world info and back', () => {
    const book = {
      name: 'Card book',
      extensions: {},
      entries: [
        {
          keys: ['a'],
          content: 'A',
          name: 'Alpha',
          priority: 5,
          insertion_order: 1,
          enabled: true,
          extensions: {},
          use_regex: false,
        },
        {
          keys: ['b'],
          content: 'B',
          name: 'Beta',
          priority: 9,
          insertion_order: 2,
          enabled: true,
          extensions: {},
          use_regex: false,
          id: 0,
        },
      ],
    };
    const file = exportWorldInfo(book);
    expect(Object.keys(file.entries).sort()).toEqual(['0', '1']);
    const back = bookFromSource({ fileName: 'x.json', file: JSON.parse(JSON.stringify(file)) });
    const byName = Object.fromEntries(back.entries.map((e) => [e.name, e.priority]));
    expect(byName).toEqual({ Alpha: 5, Beta: 9 });
  });
});

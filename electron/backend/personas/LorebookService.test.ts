import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeUtf8 } from '../../../shared/cards/bytes';
import { usePersonaServices } from './testSupport';

const worldInfo = {
  entries: {
    '0': {
      uid: 0,
      key: ['Eldoria'],
      keysecondary: [],
      comment: 'Eldoria',
      content: 'A forest realm.',
      constant: false,
      selective: true,
      selectiveLogic: 0,
      order: 10,
      position: 0,
      disable: false,
      probability: 100,
      useProbability: true,
      depth: 4,
    },
    '1': {
      uid: 1,
      key: ['Shadowfang'],
      keysecondary: ['wolf'],
      comment: 'Shadowfangs',
      content: 'Wolves of smoke.',
      constant: false,
      selective: true,
      selectiveLogic: 3,
      order: 20,
      position: 4,
      depth: 1,
      disable: true,
      excludeRecursion: true,
      matchWholeWords: true,
    },
  },
};

describe('LorebookService', () => {
  const fx = usePersonaServices();

  it('imports a SillyTavern world-info file with its keys and positions', () => {
    const { lorebooks } = fx().services;
    const { lorebook, warnings } = lorebooks.importText(
      'C:\\lore\\Eldoria.json',
      JSON.stringify(worldInfo),
    );
    expect(warnings).toEqual([]);
    expect(lorebook.name).toBe('Eldoria');
    const [first, second] = lorebook.book.entries;
    expect(first).toMatchObject({
      keys: ['Eldoria'],
      insertion_order: 10,
      position: 'before_char',
      enabled: true,
    });
    expect(second).toMatchObject({
      keys: ['Shadowfang'],
      secondary_keys: ['wolf'],
      enabled: false,
      position: 'after_char',
      extensions: { position: 4, depth: 1, selectiveLogic: 3, exclude_recursion: true },
    });
    expect(lorebooks.list()).toEqual([
      {
        id: lorebook.id,
        name: 'Eldoria',
        description: '',
        entryCount: 2,
        updatedAt: lorebook.updatedAt,
      },
    ]);
  });

  it('exports SillyTavern world info that imports back the same', () => {
    const { lorebooks } = fx().services;
    const { lorebook } = lorebooks.importText('Eldoria.json', JSON.stringify(worldInfo));
    const file = lorebooks.exportFile(lorebook.id);
    expect(file).toMatchObject({ fileName: 'Eldoria.json', mimeType: 'application/json' });
    const text = decodeUtf8(decodeBase64(file.data, 'file'), 'file');
    const exported = JSON.parse(text) as { entries: Record<string, Record<string, unknown>> };
    expect(exported.entries['1']).toMatchObject({
      uid: 1,
      key: ['Shadowfang'],
      keysecondary: ['wolf'],
      order: 20,
      position: 4,
      depth: 1,
      disable: true,
      selectiveLogic: 3,
    });
    // The export is the imported file itself, which (like SillyTavern's) carries no name.
    expect(exported).toEqual(JSON.parse(JSON.stringify(worldInfo)));
    const again = lorebooks.importText('copy.json', text).lorebook;
    expect(again.name).toBe('copy');
    // What activation reads comes back unchanged (SillyTavern fills in its defaults on the way).
    const essentials = (entries: typeof lorebook.book.entries) =>
      entries.map((e) => ({
        keys: e.keys,
        secondary: e.secondary_keys,
        content: e.content,
        order: e.insertion_order,
        enabled: e.enabled,
        position: e.position,
        extPosition: e.extensions['position'],
        depth: e.extensions['depth'],
        logic: e.extensions['selectiveLogic'],
        wholeWords: e.extensions['match_whole_words'],
        excludeRecursion: Boolean(e.extensions['exclude_recursion']),
      }));
    expect(essentials(again.book.entries)).toEqual(essentials(lorebook.book.entries));
  });

  it('imports a character_book JSON and saves edits, rejecting wrong field types', () => {
    const { lorebooks } = fx().services;
    const { lorebook } = lorebooks.importText(
      'book.json',
      JSON.stringify({ description: 'Ships', entries: [{ keys: 'mast, sail', content: 'Tall.' }] }),
    );
    expect(lorebook.name).toBe('book');
    expect(lorebook.book.entries[0]?.keys).toEqual(['mast', 'sail']);
    expect(lorebooks.list()[0]?.description).toBe('Ships');

    const renamed = lorebooks.save(lorebook.id, 'Ships', {
      ...lorebook.book,
      entries: [...lorebook.book.entries, { keys: ['hull'], content: 'Wooden.', custom: 1 }],
    });
    expect(renamed.name).toBe('Ships');
    expect(renamed.book.entries[1]).toMatchObject({ keys: ['hull'], custom: 1, enabled: true });

    expect(() => lorebooks.save(lorebook.id, 'Ships', { entries: [{ keys: {} }] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^Invalid lorebook: .*keys must be a list of strings/),
      }),
    );
    expect(lorebooks.get(lorebook.id).book.entries).toHaveLength(2);
  });

  it('rejects files that are not lorebooks and stores nothing', () => {
    const { lorebooks } = fx().services;
    for (const text of ['{', '"text"', '{"name":"x"}', '{"entries":{"0":5}}']) {
      expect(() => lorebooks.importText('x.json', text)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    }
    expect(lorebooks.list()).toEqual([]);
    expect(() => lorebooks.get('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

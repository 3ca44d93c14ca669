import { describe, expect, it } from 'vitest';
import { activateLorebook } from '../personas';
import type { CharacterBook } from './types';
import {
  characterBookToWorldInfo,
  readLorebookJson,
  worldInfoToCharacterBook,
  type WorldInfoFile,
} from './worldInfo';

/** A world-info file as SillyTavern 1.12 saves one (fields trimmed to those that matter). */
function stWorldInfo(): WorldInfoFile {
  const base = {
    keysecondary: [],
    comment: '',
    constant: false,
    vectorized: false,
    selective: true,
    selectiveLogic: 0,
    addMemo: true,
    order: 100,
    position: 0,
    disable: false,
    excludeRecursion: false,
    preventRecursion: false,
    delayUntilRecursion: false,
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
    role: null,
    sticky: 0,
    cooldown: 0,
    delay: 0,
  };
  return {
    entries: {
      '0': {
        ...base,
        uid: 0,
        key: ['Eldoria', 'forest'],
        comment: 'Eldoria',
        content: 'Eldoria is a forest realm.',
        order: 50,
        position: 0,
        displayIndex: 0,
      },
      '1': {
        ...base,
        uid: 1,
        key: ['Shadowfang'],
        keysecondary: ['wolf', 'beast'],
        selectiveLogic: 3,
        comment: 'Shadowfangs',
        content: 'Shadowfangs are wolves of smoke.',
        position: 4,
        depth: 2,
        role: 1,
        caseSensitive: true,
        matchWholeWords: true,
        displayIndex: 1,
      },
      '2': {
        ...base,
        uid: 2,
        key: ['/sera(phina)?/i'],
        comment: 'Seraphina',
        content: 'Seraphina guards the glade.',
        position: 1,
        disable: true,
        displayIndex: 2,
      },
      '3': {
        ...base,
        uid: 3,
        key: ['moon'],
        comment: 'Moon',
        content: 'The moon is silver.',
        constant: true,
        probability: 0,
        useProbability: true,
        excludeRecursion: true,
        scanDepth: 5,
        displayIndex: 3,
      },
    },
  };
}

describe('SillyTavern world info → character_book', () => {
  it('maps keys, order, positions and settings the way SillyTavern exports them', () => {
    const book = worldInfoToCharacterBook(stWorldInfo());
    expect(book.entries.map((e) => e.id)).toEqual([0, 1, 2, 3]);
    const [eldoria, shadow, sera, moon] = book.entries;
    expect(eldoria).toMatchObject({
      keys: ['Eldoria', 'forest'],
      secondary_keys: [],
      comment: 'Eldoria',
      content: 'Eldoria is a forest realm.',
      insertion_order: 50,
      enabled: true,
      position: 'before_char',
      use_regex: false,
      extensions: { position: 0, depth: 4, probability: 100, useProbability: true },
    });
    expect(shadow).toMatchObject({
      keys: ['Shadowfang'],
      secondary_keys: ['wolf', 'beast'],
      selective: true,
      position: 'after_char',
      extensions: {
        position: 4,
        depth: 2,
        role: 1,
        selectiveLogic: 3,
        case_sensitive: true,
        match_whole_words: true,
      },
    });
    expect(sera).toMatchObject({ enabled: false, position: 'after_char' });
    expect(sera?.extensions).toMatchObject({ position: 1 });
    expect(moon).toMatchObject({ constant: true });
    expect(moon?.extensions).toMatchObject({
      probability: 0,
      exclude_recursion: true,
      scan_depth: 5,
    });
  });

  it('activates the imported entries as SillyTavern would', () => {
    const book = worldInfoToCharacterBook(stWorldInfo());
    const run = (text: string) =>
      activateLorebook(book.entries, { messages: [{ content: text }], random: () => 0.5 });

    const eldoria = run('We walk into the FOREST.');
    expect(eldoria.activated.map((a) => [a.label, a.position])).toEqual([
      ['Eldoria', 'before_char'],
    ]);
    // Probability 0 drops the constant entry as SillyTavern does.
    expect(eldoria.dropped.map((d) => [d.label, d.droppedBecause])).toEqual([
      ['Moon', 'probability'],
    ]);

    // AND_ALL secondary logic (3), case-sensitive whole words, injected at depth 2 as a user turn.
    const all = run('A Shadowfang, a wolf and a beast.').activated;
    expect(all.map((a) => [a.label, a.position, a.depth, a.role])).toEqual([
      ['Shadowfangs', 'at_depth', 2, 'user'],
    ]);
    expect(run('A Shadowfang and a wolf.').activated).toEqual([]);
    expect(run('a shadowfang, a wolf and a beast.').activated).toEqual([]);
    // The disabled regex entry never fires.
    expect(run('Seraphina smiles.').activated).toEqual([]);
  });

  it('reads a character_book JSON and a lorebook_v3 file as they are', () => {
    const raw = { name: 'Tiny', entries: [{ keys: ['a'], content: 'A', insertion_order: 3 }] };
    const plain = readLorebookJson(raw);
    expect(plain.format).toBe('characterBook');
    expect(plain.book.entries[0]).toMatchObject({ keys: ['a'], content: 'A', enabled: true });
    const v3 = readLorebookJson({ spec: 'lorebook_v3', data: raw });
    expect(v3.book).toEqual(plain.book);
    expect(readLorebookJson(stWorldInfo()).format).toBe('worldInfo');
  });

  it('rejects what is not a lorebook, naming the problem', () => {
    expect(() => readLorebookJson([1, 2])).toThrow(/not a lorebook: expected a JSON object/);
    expect(() => readLorebookJson({ name: 'x' })).toThrow(/world info.*character_book/);
    expect(() => readLorebookJson({ entries: [{ keys: 5, content: 'x' }] })).toThrow(
      /Invalid lorebook: lorebook\.entries\[0\]\.keys must be a list of strings/,
    );
    expect(() => readLorebookJson({ entries: { '0': 'nope' } })).toThrow(
      /world-info entry "0" must be an object/,
    );
  });
});

describe('character_book → SillyTavern world info', () => {
  const book: CharacterBook = {
    name: 'Realm',
    description: 'Places',
    scan_depth: 3,
    extensions: {},
    entries: [
      {
        id: 7,
        name: 'Castle entry',
        keys: ['castle'],
        secondary_keys: ['gate'],
        content: 'The castle has one gate.',
        enabled: true,
        insertion_order: 20,
        priority: 9,
        selective: true,
        comment: 'Castle',
        position: 'before_char',
        use_regex: true,
        case_sensitive: true,
        extensions: { depth: 1, custom_tool: { keep: true } },
      },
      {
        keys: ['river'],
        content: 'The river runs east.',
        enabled: false,
        insertion_order: 100,
        use_regex: false,
        extensions: {},
      },
    ],
  };

  it('writes uid-keyed entries with SillyTavern field names', () => {
    const wi = characterBookToWorldInfo(book);
    expect(Object.keys(wi.entries)).toEqual(['0', '7']);
    expect(wi.entries['7']).toMatchObject({
      uid: 7,
      key: ['castle'],
      keysecondary: ['gate'],
      comment: 'Castle',
      order: 20,
      position: 0,
      disable: false,
      depth: 1,
      caseSensitive: true,
      probability: 100,
      useProbability: true,
      extensions: { custom_tool: { keep: true } },
    });
    expect(wi.entries['0']).toMatchObject({ uid: 0, position: 1, disable: true, depth: 4 });
  });

  it('comes back to the same book, book settings and entry fields included', () => {
    const again = worldInfoToCharacterBook(characterBookToWorldInfo(book));
    expect(again).toMatchObject({ name: 'Realm', description: 'Places', scan_depth: 3 });
    expect(again.entries[0]).toMatchObject({
      id: 7,
      name: 'Castle entry',
      priority: 9,
      use_regex: true,
      keys: ['castle'],
      position: 'before_char',
      insertion_order: 20,
      extensions: { depth: 1, custom_tool: { keep: true } },
    });
    expect(again.entries[1]).toMatchObject({ id: 0, enabled: false, position: 'after_char' });
    // A second trip changes nothing.
    expect(worldInfoToCharacterBook(characterBookToWorldInfo(again))).toEqual(again);
  });

  it('keeps edits made in SillyTavern over the embedded original', () => {
    const wi = characterBookToWorldInfo(book);
    const castle = wi.entries['7']!;
    castle.content = 'Edited in SillyTavern.';
    castle.key = ['keep'];
    const again = worldInfoToCharacterBook(wi);
    expect(again.entries[0]).toMatchObject({ content: 'Edited in SillyTavern.', keys: ['keep'] });
  });
});

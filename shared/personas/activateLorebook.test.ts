import { describe, expect, it } from 'vitest';
import { activateLorebook } from './activateLorebook';
import type { ActivateLorebookOptions, LorebookEntry, LoreScanMessage } from './lorebookTypes';

let nextId = 0;
function entry(fields: Partial<LorebookEntry> & { keys?: string[] }): LorebookEntry {
  const id = nextId++;
  return {
    keys: [],
    content: `content ${id}`,
    extensions: {},
    enabled: true,
    insertion_order: 100,
    use_regex: false,
    ...fields,
  };
}
const say = (...texts: string[]): LoreScanMessage[] => texts.map((content) => ({ content }));
const run = (
  entries: LorebookEntry[],
  options: Partial<ActivateLorebookOptions> & { messages: LoreScanMessage[] },
) => activateLorebook(entries, options);
const active = (
  entries: LorebookEntry[],
  options: Partial<ActivateLorebookOptions> & { messages: LoreScanMessage[] },
) => run(entries, options).activated.map((a) => a.content);
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

describe('activateLorebook: keys', () => {
  it('matches case-insensitively unless the entry or the options say otherwise', () => {
    const loose = entry({ keys: ['Eldoria'], content: 'loose' });
    const strict = entry({ keys: ['Eldoria'], content: 'strict', case_sensitive: true });
    const viaExt = entry({
      keys: ['Eldoria'],
      content: 'ext',
      extensions: { case_sensitive: true },
    });
    expect(active([loose, strict, viaExt], { messages: say('welcome to eldoria') })).toEqual([
      'loose',
    ]);
    expect(active([loose, strict, viaExt], { messages: say('welcome to Eldoria') })).toEqual([
      'loose',
      'strict',
      'ext',
    ]);
    expect(active([loose], { messages: say('eldoria'), caseSensitive: true })).toEqual([]);
  });

  it('matches substrings by default and whole words when asked, Unicode-aware', () => {
    const wood = entry({ keys: ['wood'], content: 'wood' });
    const wholeWood = entry({
      keys: ['wood'],
      content: 'whole',
      extensions: { match_whole_words: true },
    });
    expect(active([wood, wholeWood], { messages: say('into the woods') })).toEqual(['wood']);
    expect(active([wood, wholeWood], { messages: say('into the wood.') })).toEqual([
      'wood',
      'whole',
    ]);
    expect(active([wood], { messages: say('into the woods'), matchWholeWords: true })).toEqual([]);
    expect(active([wholeWood], { messages: say('dry firewood') })).toEqual([]);
    expect(active([wholeWood], { messages: say('«wood»') })).toEqual(['whole']);

    const cafe = entry({
      keys: ['Café'],
      content: 'café',
      extensions: { match_whole_words: true },
    });
    expect(active([cafe], { messages: say('au café!') })).toEqual(['café']);
    expect(active([cafe], { messages: say('les cafés') })).toEqual([]);
    // \b would see a boundary inside "naïveté"; a Unicode-aware boundary does not.
    const naive = entry({ keys: ['na'], content: 'na', extensions: { match_whole_words: true } });
    expect(active([naive], { messages: say('naïveté') })).toEqual([]);
    const phrase = entry({
      keys: ['magical forest'],
      content: 'phrase',
      extensions: { match_whole_words: true },
    });
    expect(active([phrase], { messages: say('the Magical Forest, at night') })).toEqual(['phrase']);
    expect(active([phrase], { messages: say('the magical forests') })).toEqual([]);
    // Scripts without spaces between words still match inside a sentence.
    const forest = entry({
      keys: ['森'],
      content: 'mori',
      extensions: { match_whole_words: true },
    });
    expect(active([forest], { messages: say('我在森林里') })).toEqual(['mori']);
  });

  it('supports regex keys, and skips an entry whose regex is broken without throwing', () => {
    const fang = entry({ keys: ['/shadow\\s*fangs?/i'], content: 'fang' });
    const broken = entry({ keys: ['/([a-/'], content: 'broken', comment: 'Broken' });
    const slow = entry({ keys: ['/(a+)+$/'], content: 'slow', comment: 'Slow' });
    const bare = entry({ keys: ['colou?r'], content: 'bare', use_regex: true });
    const path = entry({ keys: ['/usr/bin/'], content: 'path' });
    const result = run([fang, broken, slow, bare, path], {
      messages: say(
        'The Shadow Fangs hate COLOR in /usr/bin/ and aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!',
      ),
    });
    expect(result.activated.map((a) => a.content)).toEqual(['fang', 'bare', 'path']);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(
      /"Broken" is skipped: its key "\/\(\[a-\/" is not a usable regular expression/,
    );
    expect(result.warnings[1]).toMatch(/"Slow" is skipped.*nested repetition/);
  });

  it('keeps a regex key with the g flag stateless', () => {
    const fang = entry({ keys: ['/fang/g'], content: 'fang' });
    for (let i = 0; i < 3; i++)
      expect(active([fang], { messages: say('a fang') })).toEqual(['fang']);
  });

  it('expands macros in keys and content, and scans speaker names', () => {
    const me = entry({ keys: ['{{char}}'], content: '{{char}} is a healer' });
    const expand = (t: string): string => t.replace(/\{\{char\}\}/g, 'Seraphina');
    expect(active([me], { messages: say('hello Seraphina'), expand })).toEqual([
      'Seraphina is a healer',
    ]);
    const named = [{ content: 'I rest.', name: 'Seraphina' }];
    expect(active([me], { messages: named, expand })).toEqual(['Seraphina is a healer']);
    expect(active([me], { messages: named, expand, includeNames: false })).toEqual([]);
  });
});

describe('activateLorebook: selective entries', () => {
  const cases = [
    // logic, secondary keys present in the chat, expected activation
    ['AND_ANY', 'night', true],
    ['AND_ANY', 'day', false],
    ['AND_ALL', 'night and rain', true],
    ['AND_ALL', 'night', false],
    ['NOT_ANY', 'day', true],
    ['NOT_ANY', 'rain', false],
    ['NOT_ALL', 'night', true],
    ['NOT_ALL', 'night and rain', false],
  ] as const;
  it.each(cases)('%s with "%s" → %s', (logic, extra, expected) => {
    const e = entry({
      keys: ['wolf'],
      secondary_keys: ['night', 'rain'],
      selective: true,
      extensions: { selectiveLogic: ['AND_ANY', 'NOT_ALL', 'NOT_ANY', 'AND_ALL'].indexOf(logic) },
    });
    const result = run([e], { messages: say(`a wolf`, extra) });
    expect(result.activated.length === 1).toBe(expected);
    if (expected && logic.startsWith('AND')) {
      expect(result.activated[0]!.reason.secondaryKeys).toContain('night');
    }
  });

  it('reads the logic by name too, and ignores secondary keys when not selective', () => {
    const named = entry({
      keys: ['wolf'],
      secondary_keys: ['night'],
      selective: true,
      extensions: { selectiveLogic: 'not_any' },
    });
    expect(active([named], { messages: say('a wolf at night') })).toEqual([]);
    const notSelective = entry({ keys: ['wolf'], secondary_keys: ['night'], selective: false });
    expect(active([notSelective], { messages: say('a wolf by day') })).toHaveLength(1);
    const noPrimary = entry({ keys: ['wolf'], secondary_keys: ['night'], selective: true });
    expect(active([noPrimary], { messages: say('at night') })).toEqual([]);
  });
});

describe('activateLorebook: what gets in', () => {
  it('always activates constant entries and never disabled ones', () => {
    const constant = entry({ constant: true, content: 'always', keys: ['/([broken/'] });
    const off = entry({ keys: ['wolf'], enabled: false, content: 'off' });
    const offConstant = entry({ constant: true, enabled: false, content: 'off too' });
    const result = run([constant, off, offConstant], { messages: say('a wolf') });
    expect(result.activated.map((a) => a.content)).toEqual(['always']);
    expect(result.activated[0]!.reason).toEqual({ key: null, matchedIn: { kind: 'constant' } });
    expect(result.warnings).toEqual([]);
  });

  it('orders activated entries by insertion_order', () => {
    const late = entry({ keys: ['wolf'], content: 'late', insertion_order: 300 });
    const early = entry({ keys: ['wolf'], content: 'early', insertion_order: 5 });
    const mid = entry({ keys: ['wolf'], content: 'mid', insertion_order: 100 });
    expect(active([late, early, mid], { messages: say('wolf') })).toEqual(['early', 'mid', 'late']);
  });

  it('scans only the last scanDepth messages, most recent first', () => {
    const wolf = entry({ keys: ['wolf'], content: 'wolf' });
    const messages = [
      { content: 'a wolf', id: 'm0' },
      { content: 'hi', id: 'm1' },
      { content: 'hello', id: 'm2' },
    ];
    expect(active([wolf], { messages })).toEqual([]);
    const result = run([wolf], { messages, scanDepth: 3 });
    expect(result.activated[0]!.reason).toEqual({
      key: 'wolf',
      matchedIn: { kind: 'message', messageIndex: 0, messageId: 'm0' },
    });
    const deep = entry({ keys: ['wolf'], content: 'deep', extensions: { scan_depth: 5 } });
    expect(active([wolf, deep], { messages })).toEqual(['deep']);
    expect(active([wolf], { messages: say('wolf'), scanDepth: 0 })).toEqual([]);
    const twice = run([wolf], {
      messages: [{ content: 'wolf' }, { content: 'wolf again', id: 'last' }],
    });
    expect(twice.activated[0]!.reason.matchedIn).toEqual({
      kind: 'message',
      messageIndex: 1,
      messageId: 'last',
    });
  });

  it('scans card fields only for entries that opt in', () => {
    const opted = entry({
      keys: ['healer'],
      content: 'opted',
      extensions: { match_character_description: true },
    });
    const plain = entry({ keys: ['healer'], content: 'plain' });
    const result = run([opted, plain], {
      messages: say('hi'),
      scanSources: { characterDescription: 'A healer.' },
    });
    expect(result.activated.map((a) => a.content)).toEqual(['opted']);
    expect(result.activated[0]!.reason.matchedIn).toEqual({
      kind: 'field',
      field: 'characterDescription',
    });
  });

  it('rolls the probability with the injected random source', () => {
    const maybe = entry({
      keys: ['wolf'],
      content: 'maybe',
      extensions: { probability: 50, useProbability: true },
    });
    const unrolled = entry({
      keys: ['wolf'],
      content: 'sure',
      extensions: { probability: 10, useProbability: false },
    });
    const lucky = run([maybe, unrolled], { messages: say('wolf'), random: () => 0.2 });
    expect(lucky.activated.map((a) => a.content)).toEqual(['maybe', 'sure']);
    const unlucky = run([maybe, unrolled], { messages: say('wolf'), random: () => 0.7 });
    expect(unlucky.activated.map((a) => a.content)).toEqual(['sure']);
    expect(unlucky.dropped.map((d) => [d.content, d.droppedBecause])).toEqual([
      ['maybe', 'probability'],
    ]);
  });

  it('drops the lowest-priority entries first when over the token budget', () => {
    const high = entry({ keys: ['wolf'], content: 'one two three', insertion_order: 300 });
    const mid = entry({ keys: ['wolf'], content: 'four five six', insertion_order: 200 });
    const low = entry({ keys: ['wolf'], content: 'seven', insertion_order: 100 });
    const byPriority = entry({
      keys: ['wolf'],
      content: 'eight nine',
      insertion_order: 1,
      priority: 250,
    });
    const free = entry({
      keys: ['wolf'],
      content: 'free of charge',
      insertion_order: 0,
      extensions: { ignore_budget: true },
    });
    const result = run([high, mid, low, byPriority, free], {
      messages: say('wolf'),
      tokenBudget: 6,
      countTokens: words,
    });
    // Budget order: high (3) + priority 250 (2) fit; mid (3) overflows, so low goes too.
    expect(result.activated.map((a) => a.content)).toEqual([
      'free of charge',
      'eight nine',
      'one two three',
    ]);
    expect(result.dropped.map((d) => [d.content, d.droppedBecause, d.tokens])).toEqual([
      ['four five six', 'budget', 3],
      ['seven', 'budget', 1],
    ]);
  });

  it('needs countTokens for a budget', () => {
    expect(() => run([], { messages: [], tokenBudget: 10 })).toThrow(/countTokens/);
  });
});

describe('activateLorebook: recursion', () => {
  const a = entry({ keys: ['forest'], content: 'The forest hides the Shadowfangs.', comment: 'A' });
  const b = entry({ keys: ['shadowfang'], content: 'Shadowfangs fear the glade.', comment: 'B' });
  const c = entry({ keys: ['glade'], content: 'The glade is warded.', comment: 'C' });
  const messages = say('I walk into the forest');

  it('scans activated content only when recursive, up to the max depth', () => {
    expect(active([a, b, c], { messages })).toHaveLength(1);
    const deep = run([a, b, c], { messages, recursive: true });
    expect(deep.activated.map((x) => x.label)).toEqual(['A', 'B', 'C']);
    expect(deep.activated[1]!.reason).toEqual({
      key: 'shadowfang',
      matchedIn: { kind: 'entry', entryIndex: 0, label: 'A' },
    });
    expect(deep.activated[2]!.recursionDepth).toBe(2);
    const shallow = run([a, b, c], { messages, recursive: true, maxRecursionDepth: 1 });
    expect(shallow.activated.map((x) => x.label)).toEqual(['A', 'B']);
  });

  it('honours exclude_recursion and prevent_recursion', () => {
    const excluded = { ...b, extensions: { exclude_recursion: true } };
    expect(
      run([a, excluded, c], { messages, recursive: true }).activated.map((x) => x.label),
    ).toEqual(['A']);
    const silent = { ...a, extensions: { prevent_recursion: true } };
    expect(
      run([silent, b, c], { messages, recursive: true }).activated.map((x) => x.label),
    ).toEqual(['A']);
  });

  it('terminates on entries that trigger each other', () => {
    const ping = entry({ keys: ['ping'], content: 'pong' });
    const pong = entry({ keys: ['pong'], content: 'ping' });
    expect(
      run([ping, pong], { messages: say('ping'), recursive: true, maxRecursionDepth: 100 })
        .activated,
    ).toHaveLength(2);
  });
});

describe('activateLorebook: positions and odd input', () => {
  it('resolves SillyTavern positions and depth', () => {
    const atDepth = entry({ keys: ['wolf'], extensions: { position: 4, depth: 2, role: 1 } });
    const after = entry({ keys: ['wolf'], position: 'before_char', extensions: { position: 1 } });
    const note = entry({ keys: ['wolf'], comment: 'Note', extensions: { position: 2 } });
    const spec = entry({ keys: ['wolf'], position: 'before_char' });
    const result = run([atDepth, after, note, spec], { messages: say('wolf') });
    expect(result.activated.map((x) => [x.position, x.depth, x.role])).toEqual([
      ['at_depth', 2, 'user'],
      ['after_char', 4, 'system'],
      ['after_char', 4, 'system'],
      ['before_char', 4, 'system'],
    ]);
    expect(result.warnings).toEqual([
      'Lorebook entry "Note" uses SillyTavern position 2, which Talaria places after the character.',
    ]);
  });

  it('never throws on malformed entries', () => {
    const junk = [
      { keys: ['wolf'], content: 7, constant: true },
      { keys: 'wolf', content: 5, extensions: null },
      { keys: [3, 'wolf', ''], extensions: { selectiveLogic: 'bogus', position: 'x' } },
      {},
    ] as unknown as LorebookEntry[];
    const result = run(junk, {
      messages: say('wolf'),
      recursive: true,
      tokenBudget: 9,
      countTokens: words,
    });
    expect(result.activated.map((x) => [x.index, x.content])).toEqual([
      [0, ''],
      [2, ''],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import rawTable from './fixtures/activation-table.json';
import { scanWorldInfo } from './scanWorldInfo';
import type {
  ScanMessage,
  TimedWorldInfo,
  WorldInfoEntry,
  WorldInfoScanInput,
  WorldInfoSettings,
} from './types';

/**
 * The activation table: for each SillyTavern world-info feature, chats and the entries
 * SillyTavern activates for them, worked out from its `checkWorldInfo` (public/scripts/
 * world-info.js) and its World Info documentation. Each row is one chat; `expect` lists the
 * activated uids in insertion order (SillyTavern's prompt order: ascending `order`).
 */
interface Row {
  feature: string;
  entries: WorldInfoEntry[];
  chat: (string | ScanMessage)[];
  settings?: Partial<WorldInfoSettings>;
  input?: Partial<WorldInfoScanInput>;
  expect: number[];
}

let autoUid = 0;
/** A world-info entry with SillyTavern's new-entry defaults. */
const e = (fields: WorldInfoEntry): WorldInfoEntry => ({
  uid: autoUid++,
  key: [],
  keysecondary: [],
  comment: '',
  content: `content ${String(fields.uid ?? autoUid)}`,
  constant: false,
  selective: true,
  selectiveLogic: 0,
  order: 100,
  position: 0,
  disable: false,
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
  sticky: null,
  cooldown: null,
  delay: null,
  ...fields,
});

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const messages = (chat: Row['chat']): ScanMessage[] =>
  chat.map((m) => (typeof m === 'string' ? { content: m } : m));

function scan(row: Omit<Row, 'feature' | 'expect'>, extra: Partial<WorldInfoScanInput> = {}) {
  return scanWorldInfo({
    books: [{ name: 'book', source: 'global', entries: row.entries }],
    messages: messages(row.chat),
    settings: row.settings,
    maxContext: 10_000,
    countTokens: words,
    random: () => 0.5,
    ...row.input,
    ...extra,
  });
}
const uids = (row: Omit<Row, 'feature' | 'expect'>, extra?: Partial<WorldInfoScanInput>) =>
  scan(row, extra).activated.map((a) => a.uid);

/**
 * The table lives in fixtures/activation-table.json (no code in it, so any port can read it).
 * Its entries give only what differs from SillyTavern's new-entry defaults.
 */
const table: Row[] = (rawTable as Row[]).map((row) => ({
  ...row,
  entries: row.entries.map((fields) => e(fields)),
}));

describe('scanWorldInfo: the SillyTavern activation table', () => {
  it.each(table.map((row) => [row.feature, row] as const))('%s', (_feature, row) => {
    expect(uids(row)).toEqual(row.expect);
  });

  it('has a row for every feature', () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
  });
});

describe('scanWorldInfo: timers across replies', () => {
  const chatOf = (n: number, last: string): string[] => [
    ...Array.from({ length: n - 1 }, (_, i) => `m${i}`),
    last,
  ];
  function replies(entry: WorldInfoEntry, lastMessages: string[]): number[][] {
    let timed: TimedWorldInfo | undefined;
    return lastMessages.map((last, i) => {
      const result = scan({ entries: [entry], chat: chatOf(i + 1, last) }, { timed });
      timed = result.timed;
      return result.activated.map((a) => Number(a.uid));
    });
  }

  it('keeps a sticky entry for its messages', () => {
    expect(replies(e({ uid: 1, key: ['x'], sticky: 2 }), ['x', 'y', 'y', 'y'])).toEqual([
      [1],
      [1],
      [],
      [],
    ]);
  });

  it('holds back an entry on cooldown', () => {
    expect(replies(e({ uid: 1, key: ['x'], cooldown: 2 }), ['x', 'x', 'x', 'x'])).toEqual([
      [1],
      [],
      [1],
      [],
    ]);
  });

  it('starts the cooldown when sticky ends', () => {
    const entry = e({ uid: 1, key: ['x'], sticky: 1, cooldown: 1 });
    expect(replies(entry, ['x', 'x', 'x', 'x'])).toEqual([[1], [], [1], []]);
  });

  it('delays an entry until the chat is long enough', () => {
    expect(replies(e({ uid: 1, key: ['x'], delay: 3 }), ['x', 'x', 'x'])).toEqual([[], [], [1]]);
  });

  it('a dry run neither reads nor writes timers', () => {
    const result = scan(
      { entries: [e({ uid: 1, key: ['x'], sticky: 5 })], chat: ['x'] },
      { dryRun: true },
    );
    expect(result.timed).toEqual({ sticky: {}, cooldown: {} });
  });
});

describe('scanWorldInfo: books and placement', () => {
  it('orders character lore first by default, global first on request', () => {
    // A budget of two tokens takes the first book's entry only.
    const first = (strategy?: WorldInfoSettings['characterStrategy']) =>
      scanWorldInfo({
        books: [
          { name: 'g', source: 'global', entries: [e({ uid: 1, constant: true, content: 'g' })] },
          {
            name: 'c',
            source: 'character',
            entries: [e({ uid: 1, constant: true, content: 'c' })],
          },
        ],
        messages: [{ content: 'x' }],
        settings: { budgetCap: 2, ...(strategy ? { characterStrategy: strategy } : {}) },
        maxContext: 10_000,
        countTokens: words,
      }).activated.map((a) => a.book);
    expect(first()).toEqual(['c']);
    expect(first('global_first')).toEqual(['g']);
  });

  it('places entries by position and leaves invalid positions out of the prompt', () => {
    const result = scan({
      entries: [
        e({ uid: 1, constant: true, position: 0, content: 'before' }),
        e({ uid: 2, constant: true, position: 1, content: 'after' }),
        e({ uid: 3, constant: true, position: 2, content: 'an top' }),
        e({ uid: 4, constant: true, position: 4, depth: 2, role: 1, content: 'deep' }),
        e({ uid: 5, constant: true, position: 7, outletName: 'map', content: 'outlet' }),
        e({ uid: 6, constant: true, position: 9, content: 'nowhere' }),
        e({ uid: 7, constant: true, position: 0, content: '@@activate\n@@foo\nstripped?' }),
      ],
      chat: ['x'],
    });
    // Unknown `@@foo` ends nothing: its line goes with the decorators. Ties in `order` run
    // last-activated first.
    expect(result.before).toBe('stripped?\nbefore');
    expect(result.after).toBe('after');
    expect(result.authorsNoteTop).toEqual(['an top']);
    expect(result.atDepth).toEqual([{ depth: 2, role: 1, entries: ['deep'] }]);
    expect(result.outlets).toEqual({ map: ['outlet'] });
    expect(JSON.stringify(result)).not.toContain('nowhere"]');
  });

  it('strips leading decorator lines from the content', () => {
    const result = scan({
      entries: [e({ uid: 1, key: ['x'], content: '@@activate\nThe lore.' })],
      chat: ['nothing'],
    });
    expect(result.before).toBe('The lore.');
  });
});

import { describe, expect, it } from 'vitest';
import type { CharacterBookEntry } from '../../../../shared/cards';
import { activateLorebook } from '../../../../shared/personas';
import {
  entrySummary,
  keyProblem,
  newEntry,
  readBookSettings,
  readEntry,
  writeBookSettings,
  writeEntry,
} from './loreForm';

const base = (): CharacterBookEntry => ({ ...newEntry([]), keys: ['dragon'], content: 'Dragons.' });
const fires = (entry: CharacterBookEntry, text: string): boolean =>
  activateLorebook([entry], { messages: [{ content: text }], random: () => 0 }).activated.length ===
  1;

describe('lorebook entry form', () => {
  it('reads a new entry as enabled, after the character, always firing', () => {
    const view = readEntry(base());
    expect(view).toMatchObject({
      enabled: true,
      keys: ['dragon'],
      logic: 'AND_ANY',
      position: 'after_char',
      probability: 100,
      priority: null,
      foreignPosition: null,
    });
  });

  it('writes secondary keys and logic where the activation code reads them', () => {
    const entry = writeEntry(base(), { secondaryKeys: ['cave'], logic: 'NOT_ANY' });
    expect(entry.selective).toBe(true);
    expect(entry.extensions.selectiveLogic).toBe(2);
    expect(readEntry(entry).logic).toBe('NOT_ANY');
    expect(fires(entry, 'a dragon flies')).toBe(true);
    expect(fires(entry, 'a dragon in a cave')).toBe(false);
    const all = writeEntry(entry, { logic: 'AND_ALL', secondaryKeys: ['cave', 'gold'] });
    expect(all.extensions.selectiveLogic).toBe(3);
    expect(fires(all, 'a dragon in a cave')).toBe(false);
    expect(fires(all, 'a dragon in a cave of gold')).toBe(true);
    expect(readEntry(writeEntry(base(), { logic: 'NOT_ALL' })).logic).toBe('NOT_ALL');
  });

  it('writes positions as SillyTavern numbers, with depth and role for "at depth"', () => {
    const before = writeEntry(base(), { position: 'before_char' });
    expect(before.extensions.position).toBe(0);
    expect(before.position).toBe('before_char');
    const deep = writeEntry(base(), { position: 'at_depth', depth: 2, role: 'user' });
    expect(deep.extensions).toMatchObject({ position: 4, depth: 2, role: 1 });
    expect(readEntry(deep)).toMatchObject({ position: 'at_depth', depth: 2, role: 'user' });
    expect(readEntry(writeEntry(base(), { position: 'after_examples' })).position).toBe(
      'after_examples',
    );
  });

  it('flags a SillyTavern position Talaria does not place', () => {
    const entry = { ...base(), extensions: { position: 2 } };
    expect(readEntry(entry).foreignPosition).toBe(2);
  });

  it('writes whole words and case sensitivity so matching follows them', () => {
    const whole = writeEntry(base(), { wholeWords: true });
    expect(whole.extensions.match_whole_words).toBe(true);
    expect(fires(whole, 'dragonfly')).toBe(false);
    expect(fires(base(), 'dragonfly')).toBe(true);
    const cased = writeEntry(base(), { caseSensitive: true });
    expect(readEntry(cased).caseSensitive).toBe(true);
    expect(fires(cased, 'DRAGON')).toBe(false);
    // A value SillyTavern kept in extensions is updated too, so the two never disagree.
    const both = writeEntry(
      { ...base(), extensions: { case_sensitive: true } },
      {
        caseSensitive: false,
      },
    );
    expect(both.extensions.case_sensitive).toBe(false);
    expect(fires(both, 'DRAGON')).toBe(true);
  });

  it('writes probability with useProbability, and drops a cleared priority', () => {
    const rare = writeEntry(base(), { probability: 0 });
    expect(rare.extensions).toMatchObject({ probability: 0, useProbability: true });
    expect(fires(rare, 'dragon')).toBe(false);
    const ranked = writeEntry(base(), { priority: 7, insertionOrder: 3 });
    expect(readEntry(ranked)).toMatchObject({ priority: 7, insertionOrder: 3 });
    expect('priority' in writeEntry(ranked, { priority: null })).toBe(false);
  });

  it('turns entries off, makes them constant, and keeps unknown fields', () => {
    const entry = { ...base(), vendor: 'x', extensions: { sticky: 2 } };
    const off = writeEntry(entry, { enabled: false });
    expect(fires(off, 'dragon')).toBe(false);
    const constant = writeEntry(entry, { constant: true });
    expect(fires(constant, 'nothing here')).toBe(true);
    expect(constant.vendor).toBe('x');
    expect(constant.extensions.sticky).toBe(2);
  });

  it('gives new entries the next id and summarizes rows', () => {
    expect(
      newEntry([
        { ...base(), id: 4 },
        { ...base(), id: 9 },
      ]).id,
    ).toBe(10);
    expect(entrySummary({ ...base(), content: '\n  First line\nSecond' }, 0)).toEqual({
      title: 'dragon',
      firstLine: 'First line',
    });
    expect(entrySummary({ ...base(), keys: [], comment: '' }, 2).title).toBe('entry 3');
  });

  it('reports a regex key that can never match', () => {
    const view = { caseSensitive: false, wholeWords: false, useRegex: false };
    expect(keyProblem('/(unclosed/', view)).toMatch(/.+/);
    expect(keyProblem('/dragons?/i', view)).toBeNull();
    expect(keyProblem('plain key', view)).toBeNull();
  });

  it('reads and writes book settings', () => {
    const book = { extensions: {}, entries: [] };
    expect(readBookSettings(book)).toEqual({
      scanDepth: null,
      tokenBudget: null,
      recursive: false,
    });
    const next = writeBookSettings(book, { scanDepth: 4, tokenBudget: 512, recursive: true });
    expect(readBookSettings(next)).toEqual({ scanDepth: 4, tokenBudget: 512, recursive: true });
    expect('token_budget' in writeBookSettings(next, { tokenBudget: null })).toBe(false);
  });
});

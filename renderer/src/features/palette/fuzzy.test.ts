import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy';

describe('fuzzy matching', () => {
  it('needs every letter in order', () => {
    expect(fuzzyScore('nwc', 'New chat')).not.toBeNull();
    expect(fuzzyScore('cwn', 'New chat')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  it('ranks word starts and runs above scattered letters', () => {
    const labels = ['Unchanged settings', 'New chat', 'Toggle theme'];
    expect(fuzzyFilter(labels, 'nch', (l) => l)[0]).toBe('New chat');
    expect(fuzzyFilter(labels, 'theme', (l) => l)).toEqual(['Toggle theme']);
    expect(fuzzyFilter(labels, '  ', (l) => l)).toEqual(labels);
  });

  it('is case-insensitive and ignores spaces in the query', () => {
    expect(fuzzyFilter(['Export all as JSON'], 'EXP JSON', (l) => l)).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { addChips, moveItem, parseChips, removeAt, replaceAt } from './chipEdit';

describe('chips editing', () => {
  it('splits typed text on commas, trimming and dropping blanks', () => {
    expect(parseChips(' fantasy,  forest guardian ,,magic ')).toEqual([
      'fantasy',
      'forest guardian',
      'magic',
    ]);
    expect(parseChips('   ')).toEqual([]);
  });

  it('keeps a regex key with commas as one chip', () => {
    expect(parseChips('/\\b(sword|blade){1,2}\\b/i')).toEqual(['/\\b(sword|blade){1,2}\\b/i']);
  });

  it('adds only new tags, ignoring case for tags', () => {
    expect(
      addChips(['Fantasy', 'OC'], 'fantasy, Female, oc, female', { ignoreCase: true }),
    ).toEqual(['Fantasy', 'OC', 'Female']);
  });

  it('keeps keys that differ only in case apart', () => {
    expect(addChips(['Eldoria'], 'eldoria, Eldoria')).toEqual(['Eldoria', 'eldoria']);
  });

  it('removes, replaces and moves items without touching the original list', () => {
    const list = ['a', 'b', 'c', 'd'];
    expect(removeAt(list, 1)).toEqual(['a', 'c', 'd']);
    expect(replaceAt(list, 2, 'C')).toEqual(['a', 'b', 'C', 'd']);
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(list, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(list, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveItem(list, 9, 0)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });
});

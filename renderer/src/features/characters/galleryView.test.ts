import { describe, expect, it } from 'vitest';
import type { CharacterSummary } from '../../../../shared/contract/personas';
import { agoText, sortCharacters } from './galleryView';

const summary = (name: string, updatedAt: number): CharacterSummary => ({
  id: name,
  name,
  avatar: null,
  tags: [],
  creator: '',
  blurb: '',
  greetingCount: 1,
  loreEntryCount: 0,
  createdAt: 0,
  updatedAt,
});

describe('gallery view', () => {
  const list = [summary('zed', 3), summary('Aria', 1), summary('bob 10', 2), summary('bob 9', 2)];

  it('sorts by most recent change first', () => {
    expect(sortCharacters(list, 'recent').map((c) => c.name)).toEqual([
      'zed',
      'bob 9',
      'bob 10',
      'Aria',
    ]);
  });

  it('sorts by name naturally and without regard to case', () => {
    expect(sortCharacters(list, 'name').map((c) => c.name)).toEqual([
      'Aria',
      'bob 9',
      'bob 10',
      'zed',
    ]);
    expect(list[0]?.name).toBe('zed');
  });

  it('says how long ago in words', () => {
    const now = 1_000_000_000_000;
    expect(agoText(now - 5_000, now)).toBe('just now');
    expect(agoText(now - 60_000, now)).toBe('1 minute ago');
    expect(agoText(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(agoText(now - 2 * 86_400_000, now)).toBe('2 days ago');
  });
});

import { describe, expect, it } from 'vitest';
import { readLorebookJson } from './worldInfo';

describe('Agnai memory books', () => {
  it('convert as SillyTavern converts them', () => {
    const { book, format, worldInfo } = readLorebookJson({
      kind: 'memory',
      name: 'Memories',
      entries: [
        {
          name: 'Home',
          entry: 'The house.',
          keywords: ['home', 'house'],
          weight: 5,
          enabled: true,
        },
        { name: '', entry: 'Off.', keywords: ['x'], weight: 1, enabled: false },
      ],
    });
    expect(format).toBe('agnai');
    expect(worldInfo?.entries['0']).toMatchObject({
      uid: 0,
      key: ['home', 'house'],
      comment: 'Home',
      content: 'The house.',
      order: 5,
      position: 0,
      selective: false,
      disable: false,
      addMemo: true,
      useProbability: true,
      probability: 100,
      groupWeight: 100,
      displayIndex: 0,
    });
    expect(worldInfo?.entries['1']).toMatchObject({ disable: true, addMemo: false });
    expect(book.entries.map((e) => [e.keys, e.enabled, e.insertion_order])).toEqual([
      [['home', 'house'], true, 5],
      [['x'], false, 1],
    ]);
  });
});

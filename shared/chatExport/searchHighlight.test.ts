import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START, splitHighlights } from './searchHighlight';

const mark = (text: string) => `${HIGHLIGHT_START}${text}${HIGHLIGHT_END}`;

describe('splitHighlights', () => {
  it('splits a snippet into plain and marked pieces', () => {
    expect(splitHighlights(`a ${mark('cat')} and ${mark('dog')}…`)).toEqual([
      { text: 'a ', hit: false },
      { text: 'cat', hit: true },
      { text: ' and ', hit: false },
      { text: 'dog', hit: true },
      { text: '…', hit: false },
    ]);
  });

  it('keeps markup as text and tolerates stray markers', () => {
    expect(splitHighlights(`<b onclick=x>${mark('<i>')}`)).toEqual([
      { text: '<b onclick=x>', hit: false },
      { text: '<i>', hit: true },
    ]);
    expect(splitHighlights(`${HIGHLIGHT_END}x${HIGHLIGHT_START}`)).toEqual([
      { text: 'x', hit: false },
    ]);
    expect(splitHighlights('')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { splitBlocks } from './splitBlocks';

describe('splitBlocks', () => {
  it('splits paragraphs, headings and fences at blank lines', () => {
    const text =
      '# Title\n\nFirst para\nstill first\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nLast';
    expect(splitBlocks(text)).toEqual([
      '# Title\n',
      'First para\nstill first\n',
      '```js\nconst a = 1;\n\nconst b = 2;\n```\n',
      'Last',
    ]);
  });

  it('keeps loose lists and indented continuations together', () => {
    const text = '1. one\n\n2. two\n\n   more of two\n\n- other\n\nafter';
    expect(splitBlocks(text)).toEqual(['1. one\n\n2. two\n\n   more of two\n\n- other\n', 'after']);
  });

  it('keeps display math whole and an unclosed fence open to the end', () => {
    expect(splitBlocks('$$\na\n\nb\n$$\n\ntext')).toEqual(['$$\na\n\nb\n$$\n', 'text']);
    expect(splitBlocks('intro\n\n```\ncode\n\nstill code')).toEqual([
      'intro\n',
      '```\ncode\n\nstill code',
    ]);
    expect(splitBlocks('~~~\n```\n\n~~~\n\nx')).toEqual(['~~~\n```\n\n~~~\n', 'x']);
  });

  it('never splits text with reference definitions', () => {
    const text = 'See [the docs][d].\n\n[d]: https://example.com';
    expect(splitBlocks(text)).toEqual([text]);
  });

  it('joins back to the original text', () => {
    const text = 'a\n\n\n\nb\n\n- c\n- d\n\n> quote\n\n| x | y |\n|---|---|\n| 1 | 2 |\n';
    expect(splitBlocks(text).join('\n')).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { sectionTitle, splitSections } from './xmlSections';

describe('splitSections', () => {
  it('leaves a reply without sections as one text segment', () => {
    expect(splitSections('Hello **there**.\n\nBye.')).toEqual([
      { kind: 'text', text: 'Hello **there**.\n\nBye.' },
    ]);
  });

  it('splits the Hermes 3 scratch pad out of the answer', () => {
    const reply = '<SCRATCHPAD>\nThe user wants 2+2.\n</SCRATCHPAD>\nThe answer is **4**.';
    expect(splitSections(reply)).toEqual([
      {
        kind: 'section',
        tag: 'scratchpad',
        title: 'Scratch pad',
        body: 'The user wants 2+2.',
        closed: true,
      },
      { kind: 'text', text: 'The answer is **4**.' },
    ]);
  });

  it('accepts every spelling of the tags and keeps their order', () => {
    const reply =
      'Intro.\n<thinking>a</thinking>\n<internal_monologue>b</internal_monologue>\n' +
      '<Reflection>c</Reflection>\n<scratch_pad>d</scratch_pad>\n<inner-monologue>e</inner-monologue>\nEnd.';
    const segments = splitSections(reply);
    expect(segments.map((s) => (s.kind === 'text' ? s.text : `${s.title}:${s.body}`))).toEqual([
      'Intro.',
      'Thinking:a',
      'Internal monologue:b',
      'Reflection:c',
      'Scratch pad:d',
      'Inner monologue:e',
      'End.',
    ]);
  });

  it('keeps nested sections in the body of the outer one', () => {
    const reply =
      '<scratchpad>\n<plan>1. add</plan>\n<reflection>ok</reflection>\n</scratchpad>\n4';
    const [outer, rest] = splitSections(reply);
    expect(outer).toMatchObject({ kind: 'section', tag: 'scratchpad', closed: true });
    expect(rest).toEqual({ kind: 'text', text: '4' });
    const inner = splitSections(outer?.kind === 'section' ? outer.body : '');
    expect(inner.map((s) => (s.kind === 'section' ? s.tag : 'text'))).toEqual([
      'plan',
      'reflection',
    ]);
  });

  it('matches a repeated tag to its own closing tag', () => {
    const reply = '<thinking>a <thinking>b</thinking> c</thinking>after';
    expect(splitSections(reply)).toEqual([
      {
        kind: 'section',
        tag: 'thinking',
        title: 'Thinking',
        body: 'a <thinking>b</thinking> c',
        closed: true,
      },
      { kind: 'text', text: 'after' },
    ]);
  });

  it('runs an unclosed section to the end and marks it open', () => {
    expect(splitSections('<thinking>\nStill going')).toEqual([
      { kind: 'section', tag: 'thinking', title: 'Thinking', body: 'Still going', closed: false },
    ]);
  });

  it('hides a half-written tag at the end of a streaming reply, not of a finished one', () => {
    expect(splitSections('Answer first.\n<thin', { streaming: true })).toEqual([
      { kind: 'text', text: 'Answer first.' },
    ]);
    expect(splitSections('a < b', { streaming: true })).toEqual([{ kind: 'text', text: 'a < b' }]);
    expect(splitSections('Answer first.\n<thin')).toEqual([
      { kind: 'text', text: 'Answer first.\n<thin' },
    ]);
  });

  it('drops a stray closing tag', () => {
    expect(splitSections('a\n</reflection>\nb')).toEqual([{ kind: 'text', text: 'a\n\nb' }]);
  });

  it('leaves unknown tags and tags inside code untouched', () => {
    const reply =
      'Use <div>html</div> and `<thinking>` inline.\n\n```xml\n<thinking>x</thinking>\n```\nDone.';
    expect(splitSections(reply)).toEqual([{ kind: 'text', text: reply }]);
  });

  it('does not treat an unterminated fence as closing the document for later text', () => {
    const reply = '<plan>step</plan>\n```\n<plan>not a tag</plan>';
    const segments = splitSections(reply);
    expect(segments).toHaveLength(2);
    expect(segments[1]).toEqual({ kind: 'text', text: '```\n<plan>not a tag</plan>' });
  });
});

describe('sectionTitle', () => {
  it('turns tag names into readable titles', () => {
    expect(sectionTitle('INTERNAL_MONOLOGUE')).toBe('Internal monologue');
    expect(sectionTitle('SCRATCHPAD')).toBe('Scratch pad');
    expect(sectionTitle('unit_test')).toBe('Unit test');
    expect(sectionTitle('plan')).toBe('Plan');
  });
});

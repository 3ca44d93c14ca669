import { describe, expect, it } from 'vitest';
import { displayContent, writtenCalls } from './displayContent';

const call =
  '<tool_call>\n{"name": "calculator", "arguments": {"expression": "6*7"}}\n</tool_call>';

describe('displayContent', () => {
  it('shows plain replies and other roles unchanged', () => {
    expect(displayContent({ role: 'assistant', content: 'Hi *there*' })).toBe('Hi *there*');
    expect(displayContent({ role: 'user', content: call })).toBe(call);
  });

  it('leaves the tool-call blocks of an assistant reply to the call cards', () => {
    expect(displayContent({ role: 'assistant', content: call })).toBe('');
    expect(
      displayContent({ role: 'assistant', content: `Let me compute that.\n${call}\n${call}` }),
    ).toBe('Let me compute that.');
  });

  it('hides an unfinished call and a half-written tag while streaming', () => {
    const open = 'Checking.\n<tool_call>\n{"name": "calc';
    expect(displayContent({ role: 'assistant', content: open }, { streaming: true })).toBe(
      'Checking.',
    );
    expect(
      displayContent({ role: 'assistant', content: 'Checking.\n<tool_c' }, { streaming: true }),
    ).toBe('Checking.\n');
    // A finished reply that happens to end in "<t" keeps it.
    expect(displayContent({ role: 'assistant', content: 'x <t' })).toBe('x <t');
  });

  it('draws JSON-mode replies as a tree, not as text', () => {
    const json = { valid: true, value: { a: 1 }, errors: [], attempts: 1, unenforced: [] };
    expect(displayContent({ role: 'assistant', content: '{"a": 1}', json })).toBe('');
  });
});

describe('writtenCalls', () => {
  it('lists finished and unfinished blocks in order', () => {
    const text = `a ${call} b <tool_call>\n{"name": "roll`;
    expect(writtenCalls(text)).toEqual([
      { raw: '{"name": "calculator", "arguments": {"expression": "6*7"}}', closed: true },
      { raw: '{"name": "roll', closed: false },
    ]);
  });

  it('treats a block followed by a new opening tag as unclosed', () => {
    expect(writtenCalls('<tool_call>{"a":1}<tool_call>{"b":2}</tool_call>')).toEqual([
      { raw: '{"a":1}', closed: false },
      { raw: '{"b":2}', closed: true },
    ]);
  });

  it('finds nothing in a reply without calls', () => {
    expect(writtenCalls('just text')).toEqual([]);
  });
});

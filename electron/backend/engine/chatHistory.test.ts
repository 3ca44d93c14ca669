import { describe, expect, it } from 'vitest';
import { toChatHistory } from './chatHistory';

describe('toChatHistory', () => {
  it('maps roles and ends with an empty model turn to answer', () => {
    expect(
      toChatHistory([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'tool', content: '{"ok":true}' },
      ]),
    ).toEqual([
      { type: 'system', text: 'Be brief.' },
      { type: 'user', text: 'Hi' },
      { type: 'model', response: ['Hello!'] },
      { type: 'user', text: '<tool_response>\n{"ok":true}\n</tool_response>' },
      { type: 'model', response: [] },
    ]);
  });

  it('continues a trailing assistant turn', () => {
    expect(
      toChatHistory([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Once' },
      ]),
    ).toEqual([
      { type: 'user', text: 'Hi' },
      { type: 'model', response: ['Once'] },
    ]);
  });
});

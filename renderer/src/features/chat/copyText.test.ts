import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/contract/types';
import { copyText } from './copyText';

const reply = (content: string, extra: Partial<Message> = {}) =>
  ({ role: 'assistant', content, ...extra }) as Pick<Message, 'role' | 'content' | 'json'>;

describe('copyText', () => {
  it('leaves the tool calls out of a reply, keeping the prose around them', () => {
    const content =
      'Let me check the weather.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>';
    expect(copyText(reply(content))).toBe('Let me check the weather.');
  });

  it('copies a reply with several calls and text between them as shown', () => {
    const content =
      'First <tool_call>{"name":"a","arguments":{}}</tool_call> then ' +
      '<tool_call>{"name":"b","arguments":{}}</tool_call> done.';
    const copied = copyText(reply(content));
    expect(copied).not.toContain('tool_call');
    expect(copied).toContain('First');
    expect(copied).toContain('done.');
  });

  it('copies plain replies and user messages unchanged', () => {
    expect(copyText(reply('Plain **markdown** answer.'))).toBe('Plain **markdown** answer.');
    const user = { role: 'user', content: 'What is <tool_call> for?' } as const;
    expect(copyText(user)).toBe('What is <tool_call> for?');
  });

  it('copies the JSON of a JSON-mode reply', () => {
    const json = { value: { a: 1 }, valid: true, errors: [] } as unknown as Message['json'];
    expect(copyText(reply('{"a": 1}', { json }))).toBe('{"a": 1}');
  });
});

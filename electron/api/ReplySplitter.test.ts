import { describe, expect, it } from 'vitest';
import { parseToolCalls } from '../../shared/hermes';
import { ReplySplitter, type SplitToolCall } from './ReplySplitter';

function split(chunks: string[], tools = true) {
  const content: string[] = [];
  const calls: SplitToolCall[] = [];
  const splitter = new ReplySplitter(
    { onContent: (text) => content.push(text), onToolCall: (call) => calls.push(call) },
    tools,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { content: content.join(''), calls, warnings: splitter.warnings };
}

/** Every way of cutting `text` into two chunks. */
function cuts(text: string): string[][] {
  return Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
}

describe('ReplySplitter', () => {
  const reply =
    'Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>\n' +
    '<tool_call>\n{"name": "get_time", "arguments": {"zone": "UTC"}}\n</tool_call>\n';

  it('agrees with parseToolCalls however the stream is cut', () => {
    const expected = parseToolCalls(reply);
    for (const chunks of [...cuts(reply), [...reply]]) {
      const { content, calls } = split(chunks);
      expect(content).toBe(expected.content);
      expect(
        calls.map((c) => ({ name: c.name, arguments: JSON.parse(c.arguments) as unknown })),
      ).toEqual(expected.calls);
      expect(calls.map((c) => c.index)).toEqual([0, 1]);
    }
  });

  it('gives every call its own OpenAI-style id', () => {
    const { calls } = split([reply]);
    expect(calls[0]?.id).toMatch(/^call_[A-Za-z0-9_-]{24}$/);
    expect(calls[0]?.id).not.toBe(calls[1]?.id);
  });

  it('keeps text that only looks like a tag as content, and all of it without tools', () => {
    expect(split(['a <tool', '_cal', 'l? no']).content).toBe('a <tool_call? no');
    expect(split(['x <tool_c']).content).toBe('x <tool_c');
    expect(split([reply], false).content).toBe(reply.trim());
  });

  it('parses a call left open by the end of generation, and leaves an unreadable one in the content', () => {
    expect(split(['<tool_call>\n{"name": "f", "arguments": {}}']).calls[0]?.name).toBe('f');
    const broken = split(['<tool_call>\nnot json\n</tool_call>']);
    expect(broken.calls).toEqual([]);
    expect(broken.content).toBe('<tool_call>\nnot json\n</tool_call>');
    expect(broken.warnings[0]).toContain('could not be read');
  });
});

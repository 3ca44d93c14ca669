import { describe, expect, it } from 'vitest';
import { segmentPrompt } from './promptSegments';

const prompt =
  '<|begin_of_text|><|im_start|>system\nYou are a function calling AI model. <tools> {"type": "function"} </tools> Use ' +
  '<schema>{"a": 1}</schema><|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n' +
  '<tool_call>\n{"name": "f"}\n</tool_call><|im_end|>\n<|im_start|>tool\n<tool_response>\n42\n</tool_response><|im_end|>\n' +
  '<|im_start|>assistant\n';

describe('segmentPrompt', () => {
  const segments = segmentPrompt(prompt, [
    '<|im_start|>',
    '<|im_end|>',
    '<tool_call>',
    '</tool_call>',
  ]);

  it('gives the prompt back, character for character', () => {
    expect(segments.map((s) => s.text).join('')).toBe(prompt);
  });

  it('marks special tokens and the role after each turn start', () => {
    expect(segments.slice(0, 4)).toEqual([
      { kind: 'token', text: '<|begin_of_text|>' },
      { kind: 'token', text: '<|im_start|>' },
      { kind: 'role', text: 'system' },
      { kind: 'text', text: '\nYou are a function calling AI model. ', region: null },
    ]);
    expect(segments.filter((s) => s.kind === 'role').map((s) => s.text)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
  });

  it('marks what the Hermes tags enclose', () => {
    const regions = segments.flatMap((s) =>
      s.kind === 'text' && s.region ? [[s.region, s.text]] : [],
    );
    expect(regions).toEqual([
      ['tools', ' {"type": "function"} '],
      ['schema', '{"a": 1}'],
      ['call', '\n{"name": "f"}\n'],
      ['response', '\n42\n'],
    ]);
  });

  it('highlights a tag as a token only when the model has it as one', () => {
    expect(segments.find((s) => s.text === '<schema>')?.kind).toBe('tag');
    expect(segments.find((s) => s.text === '<tool_call>')?.kind).toBe('token');
    expect(segmentPrompt('x<|custom|>y', ['<|custom|>'])[1]).toEqual({
      kind: 'token',
      text: '<|custom|>',
    });
  });

  it('handles a prompt without markers', () => {
    expect(segmentPrompt('plain', [])).toEqual([{ kind: 'text', text: 'plain', region: null }]);
    expect(segmentPrompt('', [])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { endsInsideString, parseToolCalls } from './index';

interface Row {
  name: string;
  /** Where the text comes from. */
  source: string;
  text: string;
  calls: { name: string; arguments: Record<string, unknown> }[];
  errors?: RegExp[];
  warnings?: RegExp[];
  content?: string;
}

const HFC = 'NousResearch/Hermes-Function-Calling@3e695ed';

// Each row returns the call or an error, never a quietly different result (issue #16).
const rows: Row[] = [
  {
    name: '<tool_call> inside a string argument',
    source: 'issue #16',
    text: '<tool_call>\n{"name": "note", "arguments": {"content": "use <tool_call> tags"}}\n</tool_call>',
    calls: [{ name: 'note', arguments: { content: 'use <tool_call> tags' } }],
  },
  {
    name: '</tool_call> inside a string argument',
    source: 'issue #16',
    text: '<tool_call>\n{"name": "note", "arguments": {"content": "end with </tool_call> then"}}\n</tool_call>',
    calls: [{ name: 'note', arguments: { content: 'end with </tool_call> then' } }],
  },
  {
    name: 'both tags in a single-quoted Python dict string',
    source: 'issue #16, README.md of ' + HFC + ' (Python-dict bodies)',
    text: "<tool_call>\n{'name': 'echo', 'arguments': {'text': '<tool_call>x</tool_call>'}}\n</tool_call>",
    calls: [{ name: 'echo', arguments: { text: '<tool_call>x</tool_call>' } }],
  },
  {
    name: 'two JSON objects in one block',
    source: 'issue #16',
    text: '<tool_call>\n{"name": "a", "arguments": {"x": 1}}\n{"name": "b", "arguments": {"y": 2}}\n</tool_call>',
    calls: [
      { name: 'a', arguments: { x: 1 } },
      { name: 'b', arguments: { y: 2 } },
    ],
  },
  {
    name: '"args" instead of "arguments"',
    source: 'issue #16',
    text: '<tool_call>\n{"name": "get_weather", "args": {"city": "Oslo"}}\n</tool_call>',
    calls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
  },
  {
    name: '"parameters" instead of "arguments"',
    source: 'issue #16; Llama 3.1 JSON tool-call shape',
    text: '<tool_call>\n{"name": "get_weather", "parameters": {"city": "Oslo"}}\n</tool_call>',
    calls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
  },
  {
    name: 'string arguments with trailing text',
    source: 'issue #16',
    text: '<tool_call>\n{"name": "f", "arguments": "{\\"a\\": 1} and then some"}\n</tool_call>',
    calls: [],
    errors: [/"arguments" is a string with text after its JSON object: "and then some"/],
  },
  {
    name: 'an integer beyond 2^53',
    source: 'issue #16',
    text: '<tool_call>\n{"name": "fetch", "arguments": {"id": 12345678901234567890, "n": 3}}\n</tool_call>',
    calls: [{ name: 'fetch', arguments: { id: 12345678901234567000, n: 3 } }],
    warnings: [/"fetch": 12345678901234567890 is beyond 2\^53/],
  },
  {
    name: 'a safe 16-digit integer and digits inside strings are not flagged',
    source: 'issue #16',
    text: '<tool_call>\n{"name": "f", "arguments": {"id": 9007199254740991, "s": "99999999999999999999"}}\n</tool_call>',
    calls: [{ name: 'f', arguments: { id: 9007199254740991, s: '99999999999999999999' } }],
  },
  {
    name: 'README: Python-dict call, arguments first',
    source: `README.md ("Inference Example Output") of ${HFC}`,
    text: "<tool_call>\n{'arguments': {'symbol': 'TSLA'}, 'name': 'get_stock_fundamentals'}\n</tool_call><|im_end|>",
    calls: [{ name: 'get_stock_fundamentals', arguments: { symbol: 'TSLA' } }],
  },
  {
    name: 'few-shot example: JSON call with a newline inside the arguments',
    source: `prompt_assets/few_shot.json of ${HFC}`,
    text: '<tool_call>\n{"arguments": {"origin": "New York",\n "destination": "Los Angeles", "mode": "car"}, "name": "calculate_distance"}\n</tool_call>\n```\n',
    calls: [
      {
        name: 'calculate_distance',
        arguments: { origin: 'New York', destination: 'Los Angeles', mode: 'car' },
      },
    ],
    content: '```',
  },
  {
    name: 'vLLM hermes parser test: integer and boolean arguments',
    source: 'vllm-project/vllm tests/tool_use/test_hermes_tool_parser.py (PRODUCT_TOOLS)',
    text: '<tool_call>\n{"name": "get_product_info", "arguments": {"product_id": 7355608, "inserted": true}}\n</tool_call>',
    calls: [{ name: 'get_product_info', arguments: { product_id: 7355608, inserted: true } }],
  },
  {
    name: 'prose with an apostrophe before a call',
    source: 'issue #16 (quotes only count inside JSON)',
    text: 'Let\'s check.\n<tool_call>\n{"name": "a", "arguments": {}}\n</tool_call>',
    calls: [{ name: 'a', arguments: {} }],
    content: "Let's check.",
  },
];

describe('parseToolCalls loses nothing silently', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_, row) => {
    const result = parseToolCalls(row.text);
    expect(result.calls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      row.calls,
    );
    expect(result.errors).toHaveLength(row.errors?.length ?? 0);
    row.errors?.forEach((pattern, i) => expect(result.errors[i]?.message).toMatch(pattern));
    expect(result.warnings).toHaveLength(row.warnings?.length ?? 0);
    row.warnings?.forEach((pattern, i) => expect(result.warnings[i]).toMatch(pattern));
    if (row.content !== undefined) expect(result.content).toBe(row.content);
  });

  it('keeps the exact text of a call whose integers JavaScript rounds', () => {
    const [call] = parseToolCalls(
      '<tool_call>{"name": "fetch", "arguments": {"id": 12345678901234567890}}</tool_call>',
    ).calls;
    expect(call?.raw).toBe('{"name": "fetch", "arguments": {"id": 12345678901234567890}}');
    expect(JSON.parse(call?.raw ?? '{}')).toBeTruthy();
  });
});

// The decoding loop (electron/backend/engine/hermes/hermesGeneration.ts, writeFreeCall) stops a
// free call at `</tool_call>` only when the body written so far is not inside a string.
describe('endsInsideString: where the decoding loop may stop on </tool_call>', () => {
  it.each([
    ['\n{"name": "note", "arguments": {"content": "end with ', true],
    ['\n{"name": "note", "arguments": {"content": "say \\"', true],
    ["\n{'name': 'note', 'arguments': {'content': 'x ", true],
    ['\n{"name": "note", "arguments": {"content": "done"}}\n', false],
    ["I'll call it: \n", false],
    ['', false],
  ])('%j → %s', (body, expected) => {
    expect(endsInsideString(body)).toBe(expected);
  });
});

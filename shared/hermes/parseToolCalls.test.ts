import { describe, expect, it } from 'vitest';
import { parseToolCalls } from './index';

const TSLA = { name: 'get_stock_fundamentals', arguments: { symbol: 'TSLA' } };
const PARIS = {
  name: 'get_current_temperature',
  arguments: { location: 'Paris, France', unit: 'celsius' },
};

interface CorpusEntry {
  name: string;
  text: string;
  content: string;
  calls: { name: string; arguments: Record<string, unknown> }[];
  errors?: number;
}

// Model-card outputs (Hermes 2 Pro and Hermes 3 cards, "Prompt Format for Function Calling") and
// the variants real generations produce.
const corpus: CorpusEntry[] = [
  {
    name: 'Hermes 2 Pro card: arguments-first stock call',
    text: '<tool_call>\n{"arguments": {"symbol": "TSLA"}, "name": "get_stock_fundamentals"}\n</tool_call><|im_end|>',
    content: '',
    calls: [TSLA],
  },
  {
    name: 'Hermes 3 card: arguments-first temperature call',
    text: '<tool_call>\n{"arguments": {"location": "Paris, France", "unit": "celsius"}, "name": "get_current_temperature"}\n</tool_call><|im_end|>',
    content: '',
    calls: [PARIS],
  },
  {
    name: 'template order: name first',
    text: '<tool_call>\n{"name": "get_current_temperature", "arguments": {"location": "Paris, France", "unit": "celsius"}}\n</tool_call>',
    content: '',
    calls: [PARIS],
  },
  {
    name: 'Python dict body (ast.literal_eval fallback)',
    text: "<tool_call>\n{'arguments': {'symbol': 'TSLA'}, 'name': 'get_stock_fundamentals'}\n</tool_call>",
    content: '',
    calls: [TSLA],
  },
  {
    name: 'Python dict with True/False/None and nesting',
    text: "<tool_call>\n{'name': 'screen', 'arguments': {'symbols': ('TSLA', 'AAPL'), 'opts': {'dividends': None, 'exact': True, 'live': False}}}\n</tool_call>",
    content: '',
    calls: [
      {
        name: 'screen',
        arguments: {
          symbols: ['TSLA', 'AAPL'],
          opts: { dividends: null, exact: true, live: false },
        },
      },
    ],
  },
  {
    name: 'two parallel calls',
    text:
      '<tool_call>\n{"arguments": {"location": "Paris, France", "unit": "celsius"}, "name": "get_current_temperature"}\n</tool_call>\n' +
      '<tool_call>\n{"arguments": {"location": "Paris, France"}, "name": "get_current_wind_speed"}\n</tool_call>',
    content: '',
    calls: [PARIS, { name: 'get_current_wind_speed', arguments: { location: 'Paris, France' } }],
  },
  {
    name: 'prose before and after',
    text: 'Let me look that up.\n<tool_call>\n{"name": "get_stock_fundamentals", "arguments": {"symbol": "TSLA"}}\n</tool_call>\nOne moment.',
    content: 'Let me look that up.\n\nOne moment.',
    calls: [TSLA],
  },
  {
    name: 'unclosed final tag with a complete body (EOS cut)',
    text: 'Checking.\n<tool_call>\n{"name": "get_stock_fundamentals", "arguments": {"symbol": "TSLA"}}',
    content: 'Checking.',
    calls: [TSLA],
  },
  {
    name: 'unclosed final tag after a closed one, single-quoted',
    text: "<tool_call>\n{\"name\": \"a\", \"arguments\": {}}\n</tool_call>\n<tool_call>\n{'name': 'b', 'arguments': {'x': 1}}\n",
    content: '',
    calls: [
      { name: 'a', arguments: {} },
      { name: 'b', arguments: { x: 1 } },
    ],
  },
  {
    name: 'missing closing tag between two calls',
    text: '<tool_call>{"name": "a", "arguments": {}}<tool_call>{"name": "b", "arguments": {}}</tool_call>',
    content: '',
    calls: [
      { name: 'a', arguments: {} },
      { name: 'b', arguments: {} },
    ],
  },
  {
    name: 'arguments as a JSON string',
    text: '<tool_call>\n{"name": "get_stock_fundamentals", "arguments": "{\\"symbol\\": \\"TSLA\\"}"}\n</tool_call>',
    content: '',
    calls: [TSLA],
  },
  {
    name: 'arguments as a Python-dict string',
    text: '<tool_call>\n{"name": "get_stock_fundamentals", "arguments": "{\'symbol\': \'TSLA\'}"}\n</tool_call>',
    content: '',
    calls: [TSLA],
  },
  {
    name: 'empty arguments string and missing arguments',
    text: '<tool_call>{"name": "a", "arguments": ""}</tool_call><tool_call>{"name": "b"}</tool_call>',
    content: '',
    calls: [
      { name: 'a', arguments: {} },
      { name: 'b', arguments: {} },
    ],
  },
  {
    name: 'OpenAI-shaped body',
    text: '<tool_call>\n{"type": "function", "function": {"name": "get_stock_fundamentals", "arguments": "{\\"symbol\\": \\"TSLA\\"}"}}\n</tool_call>',
    content: '',
    calls: [TSLA],
  },
  {
    name: '"parameters" instead of "arguments"',
    text: '<tool_call>{"name": "get_stock_fundamentals", "parameters": {"symbol": "TSLA"}}</tool_call>',
    content: '',
    calls: [TSLA],
  },
  {
    name: 'body in a code fence',
    text: '<tool_call>\n```json\n{"name": "get_stock_fundamentals", "arguments": {"symbol": "TSLA"}}\n```\n</tool_call>',
    content: '',
    calls: [TSLA],
  },
  {
    name: 'a stray closing brace after the object',
    text: '<tool_call>\n{"name": "get_stock_fundamentals", "arguments": {"symbol": "TSLA"}}}\n</tool_call>',
    content: '',
    calls: [TSLA],
  },
  {
    name: 'a list of calls in one tag',
    text: '<tool_call>[{"name": "a", "arguments": {}}, {"name": "b", "arguments": {"k": [1, 2]}}]</tool_call>',
    content: '',
    calls: [
      { name: 'a', arguments: {} },
      { name: 'b', arguments: { k: [1, 2] } },
    ],
  },
  {
    name: 'unicode arguments',
    text: '<tool_call>\n{"name": "translate", "arguments": {"text": "Grüße 🚀", "target": "日本語"}}\n</tool_call>',
    content: '',
    calls: [{ name: 'translate', arguments: { text: 'Grüße 🚀', target: '日本語' } }],
  },
  {
    name: 'plain answer without calls',
    text: 'The current temperature in Paris, France is 22.0 degrees Celsius.<|im_end|>',
    content: 'The current temperature in Paris, France is 22.0 degrees Celsius.',
    calls: [],
  },
  {
    name: 'unparseable body beside a good call',
    text: '<tool_call>\nget_weather(location="Paris")\n</tool_call>\n<tool_call>\n{"name": "a", "arguments": {}}\n</tool_call>',
    content: '',
    calls: [{ name: 'a', arguments: {} }],
    errors: 1,
  },
  {
    name: 'cut off mid-body',
    text: 'Sure.\n<tool_call>\n{"name": "get_stock_fundamentals", "argu',
    content: 'Sure.',
    calls: [],
    errors: 1,
  },
  {
    name: 'cut off right after the opening tag',
    text: '<tool_call>',
    content: '',
    calls: [],
    errors: 1,
  },
  {
    name: 'empty tags, nameless call, non-object arguments',
    text: '<tool_call></tool_call><tool_call>{"arguments": {}}</tool_call><tool_call>{"name": "f", "arguments": [1]}</tool_call>',
    content: '',
    calls: [],
    errors: 3,
  },
  {
    name: 'stray closing tag in prose',
    text: 'Done.</tool_call>',
    content: 'Done.',
    calls: [],
  },
];

describe('parseToolCalls corpus', () => {
  for (const entry of corpus) {
    it(entry.name, () => {
      const result = parseToolCalls(entry.text);
      expect(result.calls).toEqual(entry.calls);
      expect(result.content).toBe(entry.content);
      expect(result.errors).toHaveLength(entry.errors ?? 0);
    });
  }
});

describe('parseToolCalls errors', () => {
  it('keeps the raw body and says why it failed', () => {
    const { errors } = parseToolCalls('<tool_call>\nget_weather(location="Paris")\n</tool_call>');
    expect(errors).toEqual([
      {
        raw: '\nget_weather(location="Paris")\n',
        message: expect.stringMatching(/^Could not parse the tool call: /),
      },
    ]);
  });

  it('says when generation cut the call off', () => {
    const { errors } = parseToolCalls('<tool_call>\n{"name": "f", "arguments": {"a": ');
    expect(errors[0]?.message).toMatch(/^The tool call was cut off before <\/tool_call>\. /);
  });

  it('names the tool whose arguments are wrong', () => {
    const { errors } = parseToolCalls('<tool_call>{"name": "f", "arguments": 3}</tool_call>');
    expect(errors[0]?.message).toBe('Tool call "f": "arguments" must be an object.');
  });

  it('never throws on arbitrary input', () => {
    const inputs = [
      '<tool_call>{{{{',
      "<tool_call>'''",
      '</tool_call><tool_call>',
      '<tool_call>[1, 2]',
    ];
    for (const text of inputs) expect(() => parseToolCalls(text)).not.toThrow();
  });
});

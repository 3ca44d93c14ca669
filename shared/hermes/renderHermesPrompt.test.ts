import { describe, expect, it } from 'vitest';
import { loadCases, loadGoldens, resolveTools } from './fixtures/loadFixtures';
import { hermesToolSystemPrompt, renderHermesPrompt } from './index';
import type { HermesMessage, HermesTool } from './index';

const cases = loadCases();
const goldens = loadGoldens();

describe('renderHermesPrompt matches Jinja2 goldens byte for byte', () => {
  it('has a golden for every case and at least 30 of them', () => {
    expect(goldens.renders.map((r) => r.name)).toEqual(cases.cases.map((c) => c.name));
    expect(goldens.renders.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of cases.cases) {
    it(c.name, () => {
      const expected = goldens.renders.find((r) => r.name === c.name)?.expected;
      const tools = resolveTools(cases, c.tools);
      const actual = renderHermesPrompt(c.messages, {
        ...(tools.length > 0 ? { tools } : {}),
        ...(c.addGenerationPrompt !== undefined
          ? { addGenerationPrompt: c.addGenerationPrompt }
          : {}),
        ...(c.bosToken !== undefined ? { bosToken: c.bosToken } : {}),
      });
      expect(actual).toBe(expected);
    });
  }
});

const user: HermesMessage = { role: 'user', content: 'Go' };

function descriptionOf(tool: HermesTool): string {
  const prompt = hermesToolSystemPrompt([tool]);
  const match = /"description": "(.*?)", "parameters": /s.exec(prompt);
  if (match?.[1] === undefined) throw new Error('no description in ' + prompt);
  return match[1];
}

function fn(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): HermesTool {
  return {
    type: 'function',
    function: {
      name: 'f',
      description: 'Does f.',
      parameters: { type: 'object', properties },
      ...extra,
    },
  };
}

// Hand-checked expectations where the official template breaks (README.md lists them).
describe('where the official template is broken we do better', () => {
  it('renders an array parameter with its item type instead of list[Union[]]', () => {
    const tool = fn({ tags: { type: 'array', items: { type: 'string' }, description: 'Tags.' } });
    expect(descriptionOf(tool)).toBe(
      'f(tags: list[str]) - Does f.\n\n    Args:\n        tags(list[str]): Tags.',
    );
  });

  it('renders nested arrays and arrays without items', () => {
    const tool = fn({
      grid: { type: 'array', items: { type: 'array', items: { type: 'integer' } } },
      any: { type: 'array' },
    });
    expect(descriptionOf(tool)).toBe(
      'f(grid: list[list[int]], any: list[Any]) - Does f.\n\n    Args:\n' +
        '        grid(list[list[int]]):         any(list[Any]): ',
    );
  });

  it('renders a nullable union as Optional instead of recursing forever', () => {
    const tool = fn({
      days: { type: ['integer', 'null'], description: 'Days.' },
      key: { type: ['integer', 'string', 'null'], description: 'Key.' },
    });
    expect(descriptionOf(tool)).toBe(
      'f(days: Optional[int], key: Optional[Union[int,str]]) - Does f.\n\n    Args:\n' +
        '        days(Optional[int]): Days.        key(Optional[Union[int,str]]): Key.',
    );
  });

  it('renders an untyped parameter as Any instead of Union[]', () => {
    const tool = fn({ anything: { description: ' Whatever. ' } });
    expect(descriptionOf(tool)).toBe(
      'f(anything: Any) - Does f.\n\n    Args:\n        anything(Any): Whatever.',
    );
  });

  it('renders anyOf (pydantic Optional) as a union and boolean additionalProperties as dict', () => {
    const tool = fn({
      maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      open: { type: 'object', additionalProperties: true },
      closed: { type: 'object', additionalProperties: false },
      nil: { type: 'null' },
    });
    expect(descriptionOf(tool)).toBe(
      'f(maybe: Optional[str], open: dict[str, Any], closed: dict, nil: None) - Does f.\n\n' +
        '    Args:\n        maybe(Optional[str]):         open(dict[str, Any]):         ' +
        'closed(dict):         nil(None): ',
    );
  });

  it('renders a tool without description or parameters instead of failing', () => {
    const prompt = hermesToolSystemPrompt([{ type: 'function', function: { name: 'noop' } }]);
    expect(prompt).toContain(
      '<tools> {"type": "function", "function": {"name": "noop", "description": "noop() - \n\n", ' +
        '"parameters": {}}} </tools>',
    );
  });

  it('keeps the parameters JSON of an array parameter unchanged', () => {
    const tool = fn({ tags: { type: 'array', items: { type: 'string' } } });
    expect(hermesToolSystemPrompt([tool])).toContain(
      '"parameters": {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "string"}}}}}}',
    );
  });
});

describe('renderHermesPrompt options and inputs', () => {
  it('defaults to the Llama 3.1 BOS and a generation prompt', () => {
    expect(renderHermesPrompt([user])).toBe(
      '<|begin_of_text|><|im_start|>user\nGo<|im_end|>\n<|im_start|>assistant\n',
    );
  });

  it('treats an empty tool list as no tools', () => {
    expect(renderHermesPrompt([user], { tools: [] })).toBe(renderHermesPrompt([user]));
  });

  it('renders null content (OpenAI shape) as empty text', () => {
    const messages = [{ role: 'assistant', content: null }] as unknown as HermesMessage[];
    expect(renderHermesPrompt(messages, { addGenerationPrompt: false, bosToken: '' })).toBe(
      '<|im_start|>assistant\n<|im_end|>\n',
    );
  });

  it('treats tool_calls: null as no tool calls', () => {
    const tools = resolveTools(cases, ['get_time']);
    const messages = [
      { role: 'assistant', content: 'Hi', tool_calls: null },
    ] as unknown as HermesMessage[];
    expect(renderHermesPrompt(messages, { tools, addGenerationPrompt: false })).toMatch(
      /<\|im_start\|>assistant\nHi<\|im_end\|>\n$/,
    );
  });
});

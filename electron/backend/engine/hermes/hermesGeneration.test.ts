import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../../scripts/testing/testModels';
import type { SamplingParams } from '../../../../shared/contract/types';
import {
  parseToolCalls,
  toolFunction,
  validateToolCall,
  type HermesMessage,
  type HermesTool,
} from '../../../../shared/hermes';
import { EngineRuntime, type GenerateRequest } from '../EngineRuntime';

const runtime = new EngineRuntime({ gpu: false, threads: 1 });

const SAMPLED: SamplingParams = {
  temperature: 0.8,
  topP: 1,
  topK: 0,
  minP: 0,
  repeatPenalty: 1,
  seed: 1,
  maxTokens: 120,
};

const calculator: HermesTool = {
  type: 'function',
  function: {
    name: 'calculator',
    description: 'Evaluates an arithmetic expression.',
    parameters: {
      type: 'object',
      properties: { expression: { type: 'string', maxLength: 40 } },
      required: ['expression'],
    },
  },
};
const weather: HermesTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city.',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', maxLength: 20 },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', enum: [1, 2, 3] },
      },
      required: ['city', 'unit', 'days'],
    },
  },
};
const TOOLS = [calculator, weather];
const grammars = Object.fromEntries(
  TOOLS.map((tool) => {
    const fn = toolFunction(tool);
    return [fn.name, fn.parameters ?? {}];
  }),
);

const ASK: HermesMessage[] = [{ role: 'user', content: 'What is 2 + 2?' }];

async function generate(request: Partial<GenerateRequest>, sampling: Partial<SamplingParams> = {}) {
  const chunks: string[] = [];
  const result = await runtime.generate(
    { messages: ASK, ...request, sampling: { ...SAMPLED, ...sampling } },
    { onText: (text) => chunks.push(text) },
  );
  return { ...result, chunks };
}

beforeAll(async () => {
  await runtime.init();
  await runtime.loadModel({ path: await ensureTinyModel() });
});
afterAll(async () => runtime.dispose());

describe('Hermes tool-call generation on the generated model', () => {
  it('forces a named call with schema-valid arguments and streams its tags', async () => {
    const result = await generate({
      tools: { definitions: TOOLS, choice: { name: 'calculator' }, argumentGrammars: grammars },
    });
    expect(result.text.startsWith('<tool_call>\n{"name": "calculator", "arguments": {')).toBe(true);
    expect(result.chunks.join('')).toBe(result.text);
    const parsed = parseToolCalls(result.text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.calls[0]?.name).toBe('calculator');
    expect(validateToolCall(parsed.calls[0]!, TOOLS)).toEqual({ ok: true });
  });

  it('required: every seed yields a schema-valid call to one of the tools', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = await generate(
        { tools: { definitions: TOOLS, choice: 'required', argumentGrammars: grammars } },
        { seed },
      );
      const parsed = parseToolCalls(result.text);
      expect(parsed.errors).toEqual([]);
      expect(parsed.calls.length).toBeGreaterThan(0);
      for (const call of parsed.calls) expect(validateToolCall(call, TOOLS)).toEqual({ ok: true });
    }
  });

  it('without argument grammars, a forced call opens the body and the model writes the rest', async () => {
    const named = await generate(
      { tools: { definitions: TOOLS, choice: { name: 'get_weather' } } },
      { maxTokens: 30 },
    );
    expect(named.text.startsWith('<tool_call>\n{"name": "get_weather", "arguments": ')).toBe(true);
    const required = await generate(
      { tools: { definitions: TOOLS, choice: 'required' } },
      { maxTokens: 30 },
    );
    expect(required.text.startsWith('<tool_call>\n{"name": "')).toBe(true);
    // Random weights never close the body properly: the parser reports it instead of throwing.
    expect(
      parseToolCalls(required.text).errors.length + parseToolCalls(required.text).calls.length,
    ).toBe(1);
  });

  it("'none' and 'auto' leave the reply to the model", async () => {
    for (const choice of ['none', 'auto'] as const) {
      const result = await generate({ tools: { definitions: TOOLS, choice } }, { maxTokens: 40 });
      expect(result.stats.completionTokens).toBeGreaterThan(0);
      expect(result.chunks.join('')).toBe(result.text);
      if (choice === 'none') expect(result.text).not.toContain('<tool_call>');
    }
  });

  it("the user's stop strings still end a reply while tool tags are watched", async () => {
    const tools = { definitions: TOOLS, choice: 'auto' as const };
    const free = await generate({ tools }, { temperature: 0, maxTokens: 40 });
    const stop = free.text.slice(10, 16);
    const stopped = await generate(
      { tools },
      { temperature: 0, maxTokens: 40, stopStrings: [stop] },
    );
    expect(stopped.text).toBe(free.text.slice(0, free.text.indexOf(stop)));
    expect(stopped.stats.stopReason).toBe('eos');
  });

  it('counts prompt tokens with the special tags parsed', () => {
    const { count, specialTokens } = runtime.countTokens('<|im_start|>user\nhi<|im_end|>\n');
    expect(specialTokens).toContain('<tool_call>');
    expect(count).toBeLessThan(10);
    expect(runtime.countTokens('<tool_call>').count).toBe(1);
  });
});

describe('JSON mode generation on the generated model', () => {
  const schemas: Record<string, Record<string, unknown>> = {
    enum: { enum: ['red', 'green', 'blue'] },
    object: {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 12 },
        age: { type: 'integer', enum: [1, 2, 3] },
        ok: { type: 'boolean' },
      },
      required: ['name', 'age', 'ok'],
    },
    array: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1, maxItems: 3 },
  };

  it.each(Object.entries(schemas))(
    'yields JSON matching a bounded %s schema',
    async (_, schema) => {
      const ajv = new Ajv({ strict: false });
      const validate = ajv.compile(schema);
      for (const seed of [1, 2, 3]) {
        const result = await generate({ jsonSchema: schema }, { seed, maxTokens: 80 });
        const value: unknown = JSON.parse(result.text);
        expect(validate(value), result.text).toBe(true);
        expect(result.chunks.join('')).toBe(result.text);
      }
    },
  );
});

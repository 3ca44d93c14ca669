import { describe, expect, it } from 'vitest';
import { TalariaError } from '../contract/errors';
import { loadCases, resolveTools } from './fixtures/loadFixtures';
import { ToolCallValidator, validateToolCall, validatorFor } from './index';
import type { HermesTool } from './index';

const cases = loadCases();
const tools = resolveTools(cases, [
  'get_weather',
  'search_web',
  'create_event',
  'get_time',
  'ping',
]);

describe('validateToolCall', () => {
  it('accepts valid calls, including bare-function tools and no-parameter tools', () => {
    expect(
      validateToolCall({ name: 'get_weather', arguments: { location: 'Paris' } }, tools),
    ).toEqual({ ok: true });
    expect(validateToolCall({ name: 'ping', arguments: { host: 'example.com' } }, tools)).toEqual({
      ok: true,
    });
    expect(validateToolCall({ name: 'get_time', arguments: {} }, tools)).toEqual({ ok: true });
  });

  it('explains an enum violation in words the model can act on', () => {
    const result = validateToolCall(
      { name: 'get_weather', arguments: { location: 'Paris', unit: 'kelvin' } },
      tools,
    );
    expect(result).toEqual({
      ok: false,
      errors: ['"unit" must be one of "celsius", "fahrenheit" (got "kelvin")'],
      message:
        'Invalid arguments for get_weather: "unit" must be one of "celsius", "fahrenheit" (got "kelvin")',
    });
  });

  it('rejects unknown tools and lists the available ones', () => {
    const result = validateToolCall({ name: 'get_wether', arguments: {} }, tools);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe(
        'Unknown tool "get_wether". Available tools: "get_weather", "search_web", "create_event", "get_time", "ping".',
      );
    }
  });

  it('reports every problem: required, type, range', () => {
    const result = validateToolCall(
      { name: 'search_web', arguments: { max_results: '3', safe: 'yes', min_score: 0.1 } },
      tools,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        'missing required argument "query"',
        '"max_results" must be an integer (got string "3")',
        '"safe" must be a boolean (got string "yes")',
        '"min_score" must be >= 0.25 (got 0.1)',
      ]);
      expect(result.message).toBe(`Invalid arguments for search_web: ${result.errors.join('; ')}`);
    }
  });

  it('validates nested objects, arrays, formats and additionalProperties', () => {
    const result = validateToolCall(
      {
        name: 'create_event',
        arguments: {
          title: 'Standup',
          when: { start: 'tomorrow at nine' },
          details: {
            tags: ['a', 3],
            priority: 'urgent',
            reminders: [{ minutes: 5, sound: 'bell' }, {}],
          },
        },
      },
      tools,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        '"when.start" must match format "date-time" (got "tomorrow at nine")',
        '"details.tags[1]" must be a string (got number 3)',
        '"details.priority" must be one of "low", "normal", "high" (got "urgent")',
        'unexpected property "details.reminders[0].sound"',
        'missing required property "details.reminders[1].minutes"',
      ]);
    }
  });

  it('names unexpected top-level arguments', () => {
    const strict: HermesTool[] = [
      { name: 's', parameters: { type: 'object', properties: {}, additionalProperties: false } },
    ];
    const result = validateToolCall({ name: 's', arguments: { extra: 1 } }, strict);
    expect(result.ok === false && result.message).toBe(
      'Invalid arguments for s: unexpected argument "extra"',
    );
  });

  it('folds anyOf branches into one message', () => {
    const union: HermesTool[] = [
      {
        name: 'pick',
        parameters: {
          type: 'object',
          properties: { v: { anyOf: [{ type: 'integer' }, { type: 'string', enum: ['all'] }] } },
        },
      },
    ];
    const result = validateToolCall({ name: 'pick', arguments: { v: 'some' } }, union);
    expect(result.ok === false && result.errors).toEqual([
      '"v" does not match any allowed shape (got "some")',
    ]);
  });

  it('understands draft 2020-12 schemas such as zod produces', () => {
    const modern: HermesTool[] = [
      {
        name: 'pair',
        parameters: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          type: 'object',
          properties: {
            p: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
          },
        },
      },
    ];
    expect(validateToolCall({ name: 'pair', arguments: { p: ['a', 1] } }, modern)).toEqual({
      ok: true,
    });
    expect(validateToolCall({ name: 'pair', arguments: { p: [1, 'a'] } }, modern).ok).toBe(false);
  });
});

describe('validator caching and bad schemas', () => {
  it('compiles a tool set once and reuses it for an equal tool set', () => {
    const copy = JSON.parse(JSON.stringify(tools)) as HermesTool[];
    expect(validatorFor(copy)).toBe(validatorFor(tools));
    expect(validatorFor([...tools].reverse())).not.toBe(validatorFor(tools));
  });

  it('keeps tools apart even when their schemas share an $id', () => {
    const twins: HermesTool[] = [
      { name: 'a', parameters: { $id: 'args', type: 'object', required: ['x'] } },
      { name: 'b', parameters: { $id: 'args', type: 'object', required: ['y'] } },
    ];
    expect(validateToolCall({ name: 'a', arguments: { x: 1 } }, twins)).toEqual({ ok: true });
    expect(validateToolCall({ name: 'b', arguments: { x: 1 } }, twins)).toMatchObject({
      ok: false,
      errors: ['missing required argument "y"'],
    });
  });

  it('throws INVALID_INPUT for a tool whose schema is not JSON Schema', () => {
    const broken: HermesTool[] = [
      { name: 'bad', parameters: { type: 'object', properties: { a: { type: 'float' } } } },
    ];
    expect(() => new ToolCallValidator(broken)).toThrow(TalariaError);
    try {
      validateToolCall({ name: 'bad', arguments: {} }, broken);
    } catch (error) {
      expect((error as TalariaError).code).toBe('INVALID_INPUT');
      expect((error as TalariaError).message).toMatch(
        /^The parameters schema of tool "bad" is not valid JSON Schema/,
      );
    }
  });

  it("does not modify the caller's tool definitions", () => {
    const modern: HermesTool[] = [
      {
        name: 'x',
        parameters: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' },
      },
    ];
    new ToolCallValidator(modern);
    expect((modern[0] as { parameters: Record<string, unknown> }).parameters['$schema']).toBe(
      'http://json-schema.org/draft-07/schema#',
    );
  });
});

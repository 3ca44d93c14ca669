import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamplingParams } from '../../../shared/contract/types';
import {
  parseToolCalls,
  renderHermesPrompt,
  toolFunction,
  validateToolCall,
  type HermesTool,
} from '../../../shared/hermes';
import {
  startLlamaServer,
  type RunningLlamaServer,
} from '../../../scripts/testing/llamaServerProcess';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { probeEngine } from './probeEngine';
import { RemoteHttp } from './RemoteHttp';
import { runRemoteHermesGeneration } from './remoteHermesGeneration';
import type { RemoteStepsContext } from './RemoteSteps';

// Tool calls and JSON mode on llama.cpp's own server, Hermes-native: Talaria renders the prompt,
// the server continues it under a JSON-schema constraint. Schemas are bounded (enums, integer
// ranges, maxLength) because a random-weight model never closes a free string.
const tools: HermesTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city.',
      parameters: {
        type: 'object',
        properties: {
          city: { type: 'string', enum: ['Paris', 'Oslo', 'Lima'] },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['city', 'unit'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'roll_dice',
      description: 'Roll dice.',
      parameters: {
        type: 'object',
        properties: { sides: { type: 'integer', minimum: 2, maximum: 20 } },
        required: ['sides'],
      },
    },
  },
];
const argumentGrammars = Object.fromEntries(
  tools.map((t) => {
    const fn = toolFunction(t);
    return [fn.name, { ...fn.parameters, additionalProperties: false }];
  }),
);
const sampling: SamplingParams = {
  temperature: 0.7,
  topP: 1,
  topK: 0,
  minP: 0,
  repeatPenalty: 1,
  seed: 3,
  maxTokens: 200,
};
const messages = [{ role: 'user' as const, content: 'What is the weather in Oslo?' }];

let server: RunningLlamaServer;
let base: Omit<RemoteStepsContext, 'prompt'>;

beforeAll(async () => {
  server = await startLlamaServer({ model: await ensureTinyModel() });
  const http = new RemoteHttp({ name: 'llama', baseUrl: server.baseUrl });
  const caps = await probeEngine(http);
  base = {
    http,
    dialect: caps.constraint,
    model: caps.models[0] ?? '',
    sampling,
    onText: () => undefined,
  };
}, 40 * 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('Hermes-native generation on llama.cpp server', () => {
  it('makes a required call whose arguments are valid against the schema', async () => {
    const streamed: string[] = [];
    const result = await runRemoteHermesGeneration(
      { ...base, prompt: renderHermesPrompt(messages, { tools }), onText: (t) => streamed.push(t) },
      { tools: { definitions: tools, choice: 'required', argumentGrammars, maxCalls: 1 } },
    );
    expect(result.text).toMatch(/^<tool_call>\n\{"name": "(get_weather|roll_dice)", "arguments": /);
    // After the call the model may go on writing: that text is its own, outside the block.
    expect(result.text).toContain('}\n</tool_call>');
    expect(streamed.join('')).toBe(result.text);
    const parsed = parseToolCalls(result.text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.calls).toHaveLength(1);
    expect(validateToolCall(parsed.calls[0]!, tools)).toEqual({ ok: true });
    expect(result.stats.completionTokens).toBeGreaterThan(0);
    expect(result.stats.ttftMs).toBeGreaterThan(0);
  });

  it('honours a named tool choice, which llama.cpp’s own chat endpoint rejects', async () => {
    for (const seed of [1, 2, 3]) {
      const result = await runRemoteHermesGeneration(
        {
          ...base,
          sampling: { ...sampling, seed },
          prompt: renderHermesPrompt(messages, { tools }),
        },
        {
          tools: {
            definitions: tools,
            choice: { name: 'roll_dice' },
            argumentGrammars,
            maxCalls: 1,
          },
        },
      );
      const [call] = parseToolCalls(result.text).calls;
      expect(call?.name).toBe('roll_dice');
      const sides = call?.arguments.sides as number;
      expect(Number.isInteger(sides) && sides >= 2 && sides <= 20).toBe(true);
    }
  });

  it('writes JSON mode replies that parse and follow the schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        mood: { type: 'string', enum: ['calm', 'stormy'] },
        note: { type: 'string', maxLength: 12 },
      },
      required: ['mood', 'note'],
      additionalProperties: false,
    };
    const result = await runRemoteHermesGeneration(
      { ...base, prompt: renderHermesPrompt(messages) },
      { jsonSchema: schema },
    );
    const value = JSON.parse(result.text) as { mood: string; note: string };
    expect(['calm', 'stormy']).toContain(value.mood);
    expect(value.note.length).toBeLessThanOrEqual(12);
  });

  it('writes plain text without tools and stops at the token budget', async () => {
    const result = await runRemoteHermesGeneration(
      { ...base, sampling: { ...sampling, maxTokens: 16 }, prompt: renderHermesPrompt(messages) },
      {},
    );
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.stats.stopReason).toBe('maxTokens');
    expect(result.stats.completionTokens).toBe(16);
  });
});

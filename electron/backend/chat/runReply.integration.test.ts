import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { sourceEngineSpawner } from '../../testing/backendHarness';
import { EngineHost } from '../engine/EngineHost';
import { runReply } from './runReply';

// The pipeline's conversation-free entry on the real engine process and the generated model,
// as the API server and the eval bench call it: no store, no conversation, no chat UI.
const engine = new EngineHost({ spawn: sourceEngineSpawner() });

beforeAll(async () => {
  await engine.load({ path: await ensureTinyModel() });
}, 120_000);
afterAll(async () => engine.dispose());

const USER = [{ role: 'user' as const, content: 'What is the weather in Paris?' }];
const WEATHER = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', maxLength: 12 } },
      required: ['city'],
    },
  },
};

describe('runReply on the generated model', () => {
  it('writes a plain reply with its finish reason, usage and timings, streamed as it goes', async () => {
    const chunks: string[] = [];
    const result = await runReply(engine, {
      messages: [{ role: 'system', content: 'Be brief.' }, ...USER],
      sampling: { temperature: 0, maxTokens: 12 },
      onText: (text) => chunks.push(text),
    });
    expect(result.mode).toBe('plain');
    expect(result.text).not.toBe('');
    expect(chunks.join('')).toBe(result.text);
    expect(['stop', 'length']).toContain(result.finishReason);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeLessThanOrEqual(12);
    expect(result.usage.promptTokens).toBeGreaterThan(10);
    expect(result.usage.totalTokens).toBe(
      result.usage.promptTokens + result.usage.completionTokens,
    );
    expect(result.timings.durationMs).toBeGreaterThan(0);
    expect(result.toolCalls).toEqual([]);
    expect(result.json).toBeNull();
  });

  it('answers in schema-valid JSON when given a response schema', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string', maxLength: 8 }, rain: { type: 'boolean' } },
      required: ['city', 'rain'],
    };
    const result = await runReply(engine, {
      messages: USER,
      responseSchema: schema,
      sampling: { temperature: 0.8, seed: 3, maxTokens: 200 },
    });
    expect(result.mode).toBe('json');
    expect(result.json).toMatchObject({ valid: true, errors: [] });
    expect(JSON.parse(result.text)).toEqual(result.json?.value);
    expect(result.finishReason).toBe('stop');
  });

  it('returns the tool call a forced tool choice makes, with arguments valid for its schema', async () => {
    const result = await runReply(engine, {
      messages: USER,
      tools: [WEATHER],
      toolChoice: { name: 'get_weather' },
      maxCalls: 1,
      sampling: { temperature: 0.8, seed: 5, maxTokens: 200 },
    });
    expect(result.mode).toBe('tools');
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toHaveLength(1);
    expect(result.toolCalls[0]?.name).toBe('get_weather');
    expect(typeof result.toolCalls[0]?.arguments['city']).toBe('string');
    expect(result.toolErrors).toEqual([]);
    expect(result.text).toContain('<tool_call>');
    expect(result.content).not.toContain('<tool_call>');
  });

  it('stops when aborted and says so in the finish reason', async () => {
    const controller = new AbortController();
    const result = await runReply(engine, {
      messages: USER,
      sampling: { temperature: 0, maxTokens: 400 },
      signal: controller.signal,
      onText: () => controller.abort(),
    });
    expect(result.finishReason).toBe('abort');
    expect(result.usage.completionTokens).toBeLessThan(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLlamaServer,
  type RunningLlamaServer,
} from '../../../scripts/testing/llamaServerProcess';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { runReply } from '../chat/runReply';
import { probeEngine } from './probeEngine';
import { RemoteEngine } from './RemoteEngine';
import { RemoteHttp } from './RemoteHttp';

// The reply pipeline (the same entry the API server and the eval bench call) on a model that
// lives on llama.cpp's own server: tools with guaranteed arguments, a named choice, JSON mode.
// The schemas stay inside what the grammar enforces on every engine (enums, lengths): bounds
// like `minimum` are reported as unenforced and checked after, as on the local engine.
const USER = [{ role: 'user' as const, content: 'Book me a table and roll a die.' }];
const TOOLS = [
  {
    type: 'function' as const,
    function: {
      name: 'book_table',
      description: 'Book a restaurant table.',
      parameters: {
        type: 'object',
        properties: {
          people: { type: 'integer', enum: [1, 2, 3, 4, 5, 6] },
          time: { type: 'string', enum: ['18:00', '19:30', '21:00'] },
        },
        required: ['people', 'time'],
      },
    },
  },
  {
    type: 'function' as const,
    function: {
      name: 'roll_die',
      description: 'Roll a die.',
      parameters: {
        type: 'object',
        properties: { sides: { type: 'integer', enum: [4, 6, 8, 12, 20] } },
        required: ['sides'],
      },
    },
  },
];

let server: RunningLlamaServer;
let engine: RemoteEngine;

beforeAll(async () => {
  server = await startLlamaServer({ model: await ensureTinyModel() });
  const http = new RemoteHttp({ name: 'llama-box', baseUrl: server.baseUrl });
  engine = new RemoteEngine({ http, capabilities: await probeEngine(http) });
}, 40 * 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('the reply pipeline on a remote llama.cpp server', () => {
  it('makes required calls whose arguments always validate', async () => {
    for (const seed of [1, 2, 3]) {
      const result = await runReply(engine, {
        messages: USER,
        tools: TOOLS,
        toolChoice: 'required',
        maxCalls: 1,
        sampling: { temperature: 0.9, seed, maxTokens: 60 },
      });
      expect(result.mode).toBe('tools');
      expect(result.toolCalls.length).toBeGreaterThanOrEqual(1);
      expect(result.toolErrors).toEqual([]);
      expect(result.finishReason).toBe('tool_calls');
    }
  }, 120_000);

  it('calls the named function, which llama-server’s own chat endpoint refuses to do', async () => {
    const result = await runReply(engine, {
      messages: USER,
      tools: TOOLS,
      toolChoice: { name: 'roll_die' },
      maxCalls: 1,
      sampling: { temperature: 0.9, seed: 5, maxTokens: 80 },
    });
    expect(result.toolCalls[0]?.name).toBe('roll_die');
    expect(result.toolErrors).toEqual([]);
  });

  it('answers JSON mode with a value that validates against the response schema', async () => {
    const result = await runReply(engine, {
      messages: USER,
      responseSchema: {
        type: 'object',
        properties: {
          ok: { type: 'boolean' },
          area: { type: 'string', enum: ['terrace', 'inside'] },
        },
        required: ['ok', 'area'],
        additionalProperties: false,
      },
      sampling: { temperature: 0.9, seed: 2, maxTokens: 60 },
    });
    expect(result.mode).toBe('json');
    expect(result.json?.valid).toBe(true);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.promptTokens).toBeGreaterThan(10);
  });

  it('stops on abort and keeps what was written', async () => {
    const controller = new AbortController();
    const result = await runReply(engine, {
      messages: USER,
      sampling: { maxTokens: 2000, seed: 1 },
      signal: controller.signal,
      onText: (_text, tokens) => tokens >= 4 && controller.abort(),
    });
    expect(result.finishReason).toBe('abort');
    expect(result.text.length).toBeGreaterThan(0);
  });
});

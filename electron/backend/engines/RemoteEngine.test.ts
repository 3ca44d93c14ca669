import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamplingParams } from '../../../shared/contract/types';
import { parseToolCalls, type HermesTool } from '../../../shared/hermes';
import {
  startLlamaServer,
  type RunningLlamaServer,
} from '../../../scripts/testing/llamaServerProcess';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { probeEngine, type RemoteCapabilities } from './probeEngine';
import { RemoteEngine } from './RemoteEngine';
import { RemoteHttp } from './RemoteHttp';

const sampling: SamplingParams = {
  temperature: 0.7,
  topP: 1,
  topK: 0,
  minP: 0,
  repeatPenalty: 1,
  seed: 11,
  maxTokens: 40,
};
const tool: HermesTool = {
  type: 'function',
  function: {
    name: 'set_alarm',
    description: 'Set an alarm.',
    parameters: {
      type: 'object',
      properties: { hour: { type: 'integer', minimum: 0, maximum: 23 } },
      required: ['hour'],
    },
  },
};
const messages = [{ role: 'user' as const, content: 'Wake me at seven.' }];

let server: RunningLlamaServer;
let http: RemoteHttp;
let caps: RemoteCapabilities;

beforeAll(async () => {
  // --jinja: llama.cpp's chat endpoint renders the GGUF's template (chat mode needs it).
  server = await startLlamaServer({ model: await ensureTinyModel(), extraArgs: ['--jinja'] });
  http = new RemoteHttp({ name: 'box', baseUrl: server.baseUrl });
  caps = await probeEngine(http);
}, 40 * 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('RemoteEngine', () => {
  it('uses Hermes-native mode on a raw-prompt server: the prompt is Talaria’s own rendering', async () => {
    const engine = new RemoteEngine({ http, capabilities: caps });
    expect(engine.mode).toBe('hermes-native');
    const prompt = engine.renderPrompt(messages, {
      tools: { definitions: [tool], choice: 'auto' },
    });
    expect(prompt.startsWith('<|im_start|>system\nYou are a function calling AI model.')).toBe(
      true,
    );
    const result = await engine.generate(
      messages,
      sampling,
      { onText: () => undefined },
      {
        tools: {
          definitions: [tool],
          choice: { name: 'set_alarm' },
          argumentGrammars: {
            set_alarm: { ...tool.function.parameters, additionalProperties: false },
          },
          maxCalls: 1,
        },
      },
    );
    const [call] = parseToolCalls(result.text).calls;
    expect(call?.name).toBe('set_alarm');
    expect(call?.arguments.hour).toBeGreaterThanOrEqual(0);
    expect(call?.arguments.hour).toBeLessThanOrEqual(23);
  });

  it('counts tokens with the server’s tokenizer, special tokens included', async () => {
    const engine = new RemoteEngine({ http, capabilities: caps });
    const counted = await engine.countTokens('<|im_start|>user\nHi<|im_end|>');
    expect(counted.estimate).toBeUndefined();
    expect(counted.specialTokens).toEqual(expect.arrayContaining(['<|im_start|>', '<tool_call>']));
    const plain = await engine.countTokens('<|im_start|>');
    expect(plain.count).toBe(1);
    const noTokenizer = new RemoteEngine({ http, capabilities: { ...caps, tokenizer: false } });
    expect(await noTokenizer.countTokens('x'.repeat(400))).toEqual({
      count: 100,
      specialTokens: [],
      estimate: true,
    });
  });

  it('falls back to chat mode where the server takes no raw prompt, JSON mode included', async () => {
    const chatOnly = new RemoteEngine({
      http,
      capabilities: { ...caps, rawPrompt: false, constraint: 'chat' },
    });
    expect(chatOnly.mode).toBe('chat');
    const streamed: string[] = [];
    const plain = await chatOnly.generate(messages, sampling, { onText: (t) => streamed.push(t) });
    expect(plain.text.length).toBeGreaterThan(0);
    expect(streamed.join('')).toBe(plain.text);
    expect(plain.stats.completionTokens).toBeGreaterThan(0);

    const schema = {
      type: 'object',
      properties: { hour: { type: 'integer', minimum: 0, maximum: 23 } },
      required: ['hour'],
      additionalProperties: false,
    };
    const json = await chatOnly.generate(
      messages,
      sampling,
      { onText: () => undefined },
      {
        jsonSchema: schema,
      },
    );
    const value = JSON.parse(json.text) as { hour: number };
    expect(value.hour).toBeGreaterThanOrEqual(0);
    expect(value.hour).toBeLessThanOrEqual(23);
  });

  it('continues a raw prompt with no template, and says so where the server takes none', async () => {
    const engine = new RemoteEngine({ http, capabilities: caps });
    const out = await engine.complete(
      'Once upon a time',
      { ...sampling, maxTokens: 12 },
      {
        onText: () => undefined,
      },
    );
    expect(out.stats.completionTokens).toBe(12);
    const chatOnly = new RemoteEngine({ http, capabilities: { ...caps, rawPrompt: false } });
    await expect(chatOnly.complete('x', sampling, { onText: () => undefined })).rejects.toThrow(
      /box takes no raw prompt/,
    );
  });

  it('refuses a model the server does not have, listing the ones it has', () => {
    expect(() => new RemoteEngine({ http, capabilities: caps, model: 'hermes-405b' })).toThrow(
      /box has no model "hermes-405b"\. It has: /,
    );
  });
});

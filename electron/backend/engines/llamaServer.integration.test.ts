import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalariaError } from '../../../shared/contract/errors';
import type { SamplingParams } from '../../../shared/contract/types';
import {
  freePort,
  startLlamaServer,
  type RunningLlamaServer,
} from '../../../scripts/testing/llamaServerProcess';
import { ensureStreamingModel, ensureTinyModel } from '../../../scripts/testing/testModels';
import { rawCompletionRequest } from './completionRequest';
import { describeCapabilities, probeEngine } from './probeEngine';
import { RemoteHttp } from './RemoteHttp';
import { streamCompletion } from './streamCompletion';

// llama.cpp's own server, the real third-party OpenAI-compatible engine. On a machine without the
// cached build, the first start builds it (about 15–20 min on 2 cores).
const BUILD_TIMEOUT = 40 * 60_000;
const KEY = 'test-key-0123456789abcdef';

const sampling: SamplingParams = {
  temperature: 0.8,
  topP: 0.95,
  topK: 40,
  minP: 0.05,
  repeatPenalty: 1.1,
  seed: 7,
  maxTokens: 24,
};
const PROMPT = '<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n';

let server: RunningLlamaServer;
let modelId: string;

beforeAll(async () => {
  server = await startLlamaServer({ model: await ensureTinyModel(), apiKey: KEY });
  modelId = (await probeEngine(http())).models[0] ?? '';
}, BUILD_TIMEOUT);

afterAll(async () => {
  await server?.stop();
});

function http(apiKey: string | null = KEY, timeoutMs?: number) {
  return new RemoteHttp({ name: 'gpu-box', baseUrl: `${server.baseUrl}/v1`, apiKey, timeoutMs });
}

describe('remote engine over llama.cpp server', () => {
  it('probes what the server offers instead of assuming it', async () => {
    const caps = await probeEngine(http());
    expect(caps.kind).toBe('llama.cpp');
    expect(caps.models).toHaveLength(1);
    expect(caps.rawPrompt).toBe(true);
    expect(caps.tokenizer).toBe(true);
    expect(caps.constraint).toBe('llama.cpp');
    expect(caps.contextSize).toBe(4096);
    expect(caps.chatTemplate).toContain('<|im_start|>');
    expect(describeCapabilities(caps)).toMatch(
      /raw prompt ✓ · grammar ✓ \(llama\.cpp\) · tokenizer ✓/,
    );
  });

  it('names the engine and the fix when the key is refused', async () => {
    const error = await probeEngine(http('wrong-key')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalariaError);
    expect((error as TalariaError).code).toBe('ENGINE_AUTH');
    expect((error as TalariaError).message).toMatch(/gpu-box refused the API key \(HTTP 401\)/);
  });

  it('streams a raw Hermes prompt and measures TTFT and tokens/s client-side', async () => {
    const chunks: string[] = [];
    const result = await streamCompletion(
      http(),
      rawCompletionRequest('llama.cpp', { model: modelId, prompt: PROMPT, sampling }),
      { onText: (t) => chunks.push(t) },
    );
    expect(result.text.length).toBeGreaterThan(0);
    expect(chunks.join('')).toBe(result.text);
    expect(result.stopReason).toBe('maxTokens');
    expect(result.usage).toEqual({ promptTokens: expect.any(Number), completionTokens: 24 });
    expect(result.timings.ttftMs).toBeGreaterThan(0);
    expect(result.timings.tokensPerSecond).toBeGreaterThan(0);
  });

  it('is reproducible with a seed', async () => {
    const run = () =>
      streamCompletion(
        http(),
        rawCompletionRequest('llama.cpp', { model: modelId, prompt: PROMPT, sampling }),
      );
    expect((await run()).text).toBe((await run()).text);
  });

  it('constrains the reply to a JSON schema in llama.cpp’s dialect', async () => {
    const schema = {
      type: 'object',
      properties: {
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 1, maximum: 9 },
      },
      required: ['unit', 'days'],
      additionalProperties: false,
    };
    const result = await streamCompletion(
      http(),
      rawCompletionRequest('llama.cpp', {
        model: modelId,
        prompt: PROMPT,
        sampling: { ...sampling, maxTokens: 60 },
        constraint: { type: 'json_schema', schema },
      }),
    );
    const value = JSON.parse(result.text) as { unit: string; days: number };
    expect(['celsius', 'fahrenheit']).toContain(value.unit);
    expect(value.days).toBeGreaterThanOrEqual(1);
    expect(value.days).toBeLessThanOrEqual(9);
  });

  it('stops when the user stops: the request is aborted and the partial text kept', async () => {
    const controller = new AbortController();
    const result = await streamCompletion(
      http(),
      rawCompletionRequest('llama.cpp', {
        model: modelId,
        prompt: PROMPT,
        sampling: { ...sampling, maxTokens: 4000 },
      }),
      { signal: controller.signal, onText: (_t, n) => n >= 3 && controller.abort() },
    );
    expect(result.stopReason).toBe('abort');
    expect(result.text.length).toBeGreaterThan(0);
    // The slot is free again: the next request is served straight away.
    const next = await streamCompletion(
      http(),
      rawCompletionRequest('llama.cpp', { model: modelId, prompt: PROMPT, sampling }),
    );
    expect(next.stopReason).toBe('maxTokens');
  });

  it('says which engine is down when nothing listens, after retrying before the first token', async () => {
    const dead = new RemoteHttp({ name: 'gone', baseUrl: `http://127.0.0.1:${await freePort()}` });
    const started = Date.now();
    const error = await streamCompletion(
      dead,
      rawCompletionRequest('llama.cpp', { model: 'x', prompt: PROMPT, sampling }),
      { backoffMs: 50 },
    ).catch((e: unknown) => e);
    expect((error as TalariaError).code).toBe('ENGINE_UNAVAILABLE');
    expect((error as TalariaError).message).toMatch(/gone .* refused the connection/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});

describe('a llama.cpp server killed mid-reply', () => {
  it('ends the reply with an error naming the engine and keeps the partial text', async () => {
    const slow = await startLlamaServer({ model: await ensureStreamingModel(), contextSize: 2048 });
    try {
      const remote = new RemoteHttp({ name: 'box', baseUrl: slow.baseUrl, timeoutMs: 10_000 });
      const error = await streamCompletion(
        remote,
        rawCompletionRequest('llama.cpp', {
          model: 'any',
          prompt: PROMPT,
          sampling: { ...sampling, maxTokens: 2000 },
        }),
        { onText: (_t, n) => n === 5 && slow.process.kill('SIGKILL') },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TalariaError);
      expect((error as TalariaError).code).toBe('ENGINE_UNAVAILABLE');
      expect((error as TalariaError).message).toMatch(/^box .*The reply so far was kept\.$/);
      const partial = ((error as TalariaError).details as { partialText: string }).partialText;
      expect(partial.length).toBeGreaterThan(0);
    } finally {
      await slow.stop();
    }
  }, 120_000);
});

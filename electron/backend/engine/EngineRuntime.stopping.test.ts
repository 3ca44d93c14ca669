import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalariaError } from '../../../shared/contract/errors';
import type { ChatTurn, SamplingParams } from '../../../shared/contract/types';
import { ensureEagerEosModel, ensureTinyModel } from '../../../scripts/testing/testModels';
import { EngineRuntime } from './EngineRuntime';

const runtime = new EngineRuntime({ gpu: false, threads: 1 });
let tinyModel: string;

const SAMPLING: SamplingParams = {
  temperature: 0.8,
  topP: 1,
  topK: 50,
  minP: 0,
  repeatPenalty: 1.1,
  seed: 7,
  maxTokens: 400,
};
const CHAT: ChatTurn[] = [{ role: 'user', content: 'Write me a long story about a lighthouse.' }];

beforeAll(async () => {
  tinyModel = await ensureTinyModel();
  await runtime.loadModel({ path: tinyModel });
});

afterAll(async () => {
  await runtime.dispose();
});

describe('stopping a generation', () => {
  it('returns the partial text with stopReason abort when the signal fires mid-stream', async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    const result = await runtime.generate(
      { messages: CHAT, sampling: SAMPLING },
      {
        signal: controller.signal,
        onText: (text) => {
          chunks.push(text);
          if (chunks.length === 5) controller.abort();
        },
      },
    );
    expect(result.stats.stopReason).toBe('abort');
    expect(result.text).toBe(chunks.join(''));
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    expect(result.stats.completionTokens).toBeGreaterThanOrEqual(5);
    expect(result.stats.completionTokens).toBeLessThan(SAMPLING.maxTokens);
    // The runtime is free again and the next generation runs normally.
    const next = await runtime.generate(
      { messages: CHAT, sampling: { ...SAMPLING, maxTokens: 4 } },
      { onText: () => undefined },
    );
    expect(next.stats.stopReason).toBe('maxTokens');
  });

  it('returns empty text instead of throwing when aborted before the first token', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runtime.generate(
      { messages: CHAT, sampling: SAMPLING },
      { signal: controller.signal, onText: () => undefined },
    );
    expect(result.text).toBe('');
    expect(result.stats.stopReason).toBe('abort');
    expect(result.stats.completionTokens).toBe(0);
    expect(result.stats.ttftMs).toBeNull();
  });

  it('refuses a second concurrent generation with BUSY', async () => {
    const controller = new AbortController();
    const running = runtime.generate(
      { messages: CHAT, sampling: SAMPLING },
      { signal: controller.signal, onText: () => undefined },
    );
    const second = runtime.generate({ messages: CHAT, sampling: SAMPLING }, { onText: () => {} });
    await expect(second).rejects.toMatchObject({ code: 'BUSY' });
    controller.abort();
    expect((await running).stats.stopReason).toBe('abort');
  });

  it('ends a running generation with stopReason shutdown when the model is unloaded', async () => {
    let unloading: Promise<void> | null = null;
    const result = await runtime.generate(
      { messages: CHAT, sampling: SAMPLING },
      {
        onText: () => {
          unloading ??= runtime.unloadModel();
        },
      },
    );
    await unloading;
    expect(result.stats.stopReason).toBe('shutdown');
    expect(result.stats.completionTokens).toBeLessThan(SAMPLING.maxTokens);
    expect(runtime.getStatus()).toMatchObject({ state: 'idle', model: null });
    const error = await runtime
      .generate({ messages: CHAT, sampling: SAMPLING }, { onText: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalariaError);
    expect((error as TalariaError).code).toBe('NO_MODEL_LOADED');
    await runtime.loadModel({ path: tinyModel });
  });

  it('reports eos when the model ends its turn', async () => {
    await runtime.loadModel({ path: await ensureEagerEosModel() });
    try {
      const result = await runtime.generate(
        { messages: CHAT, sampling: SAMPLING },
        { onText: () => undefined },
      );
      expect(result.stats.stopReason).toBe('eos');
      expect(result.stats.completionTokens).toBeLessThan(SAMPLING.maxTokens);
    } finally {
      await runtime.loadModel({ path: tinyModel });
    }
  });

  it('rejects invalid sampling settings with INVALID_INPUT', async () => {
    for (const bad of [{ maxTokens: 0 }, { maxTokens: 1.5 }, { temperature: -1 }]) {
      await expect(
        runtime.generate(
          { messages: CHAT, sampling: { ...SAMPLING, ...bad } },
          { onText: () => undefined },
        ),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });
});

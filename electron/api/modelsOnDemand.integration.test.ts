import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, TINY_ID, type ApiHarness } from './apiTestSupport';

let t: ApiHarness;

beforeAll(async () => {
  t = await startApiHarness({ load: false, idleTtlMs: 400, parallel: 1, maxQueue: 1 });
});
afterAll(async () => {
  await t?.close();
});

const engineModel = () => t.harness.client.request('engine.status', {}).then((s) => s.model);

describe('models on demand', () => {
  it('loads a library model a request names, then unloads it after the idle TTL', async () => {
    expect(await engineModel()).toBeNull();
    const listed = await t.openai.models.list();
    expect(listed.data.find((m) => m.id === TINY_ID)).toMatchObject({ loaded: false });

    const reply = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 3,
    });
    expect(reply.model).toBe(TINY_ID);
    expect((await engineModel())?.path).toBe(t.modelPath);

    const deadline = Date.now() + 10_000;
    while ((await engineModel()) !== null) {
      if (Date.now() > deadline) throw new Error('the idle model was never unloaded');
      await new Promise((ok) => setTimeout(ok, 100));
    }
  });

  it('answers an unknown model with 404 model_not_found, loading nothing', async () => {
    const error = await t.openai.chat.completions
      .create({ model: 'someone/else/model.gguf', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect(await engineModel()).toBeNull();
  });
});

describe('admission', () => {
  it('queues past the running slots and answers 429 past the queue', async () => {
    const long = () =>
      t.openai.chat.completions.create(
        {
          model: TINY_ID,
          messages: [{ role: 'user', content: 'A long story' }],
          max_tokens: 400,
        },
        { signal: controller.signal },
      );
    const controller = new AbortController();
    const running = long().catch((e: unknown) => e);
    // Wait until the first holds the slot (its model load included), then fill the queue.
    for (let i = 0; i < 200; i++) {
      const health = (await (await fetch(`${t.url}/health`)).json()) as { active: number };
      if (health.active === 1) break;
      await new Promise((ok) => setTimeout(ok, 25));
    }
    const queued = long().catch((e: unknown) => e);
    for (let i = 0; i < 200; i++) {
      const health = (await (await fetch(`${t.url}/health`)).json()) as { queued: number };
      if (health.queued === 1) break;
      await new Promise((ok) => setTimeout(ok, 25));
    }
    const refused = await long().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect((refused as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('queue_full');
    controller.abort();
    await Promise.all([running, queued]);
    // Both clients went away: the running one stops, the waiting one leaves the queue.
    let health = { active: -1, queued: -1 };
    for (let i = 0; i < 100 && (health.active !== 0 || health.queued !== 0); i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      health = (await (await fetch(`${t.url}/health`)).json()) as typeof health;
    }
    expect(health).toMatchObject({ active: 0, queued: 0 });
  });
});

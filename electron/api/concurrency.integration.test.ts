import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent } from '../testing/backendHarness';
import { startApiHarness, TINY_ID, type ApiHarness } from './apiTestSupport';

let t: ApiHarness;

beforeAll(async () => {
  // Loaded on demand with two API sequences besides the app's.
  t = await startApiHarness({ load: false, parallel: 2, idleTtlMs: 0 });
});
afterAll(async () => {
  await t?.close();
});

/** A streamed reply; resolves with when its first and last chunks came. */
async function timedStream(content: string, maxTokens: number) {
  const stream = await t.openai.chat.completions.create({
    model: TINY_ID,
    messages: [{ role: 'user', content }],
    max_tokens: maxTokens,
    temperature: 0,
    stream: true,
    stream_options: { include_usage: true },
  });
  let first = 0;
  let usage = null;
  let text = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta.content ?? '';
    if (delta && first === 0) first = performance.now();
    text += delta;
    usage = chunk.usage ?? usage;
  }
  return { first, last: performance.now(), usage, text };
}

describe('several API clients at once', () => {
  it('are generated together, each on its own sequence, and the desktop chat still gets its reply', async () => {
    // The first API requests: fresh sequences (see the README on reused ones).
    const [a, b] = await Promise.all([
      timedStream('Client A story', 120),
      timedStream('Client B story', 120),
    ]);
    // Both were admitted at once (two API sequences); whether their tokens interleave depends
    // on node-llama-cpp's context lock (see the README's known gap), so it is not asserted here.
    expect(a.first).toBeLessThan(b.last);
    expect(a.usage?.completion_tokens).toBe(120);
    expect(b.usage?.completion_tokens).toBe(120);

    // The desktop chat has its own sequence and is answered while API clients stream.
    // (Measured: it currently finishes only when the API streams do; see the API README.)
    const api = [timedStream('Client C', 120), timedStream('Client D', 120)];
    const { id } = await t.harness.client.request('conversations.create', { title: 'desk' });
    await t.harness.client.request('conversations.update', { id, sampling: { maxTokens: 5 } });
    const done = nextEvent(t.harness.client, 'chat.done', (e) => e.conversationId === id, 60_000);
    await t.harness.client.request('chat.send', { conversationId: id, content: 'hello' });
    const desk = await done;
    await Promise.all(api);
    expect(desk.message.status).toBe('complete');
  }, 120_000);

  it("keeps each client's prefix: a client's next turn reuses its own cache", async () => {
    const turn = (content: string) =>
      t.openai.chat.completions.create({
        model: TINY_ID,
        messages: [
          { role: 'system', content: `You are assistant number ${content}. `.repeat(8) },
          { role: 'user', content: 'Hi' },
        ],
        max_tokens: 3,
      });
    await Promise.all([turn('one'), turn('two')]);
    const [again1, again2] = await Promise.all([turn('one'), turn('two')]);
    for (const reply of [again1, again2]) {
      const cached = reply.usage?.prompt_tokens_details?.cached_tokens ?? 0;
      expect(cached).toBeGreaterThan((reply.usage?.prompt_tokens ?? 0) - 5);
    }
  });
});

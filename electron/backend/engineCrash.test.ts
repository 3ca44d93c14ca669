import { basename } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureBrokenModel,
  ensureStreamingModel,
  ensureTinyModel,
} from '../../scripts/testing/testModels';
import type { EngineProcessHandle } from './engine/EngineHost';
import {
  nextEvent,
  sourceEngineSpawner,
  startHarness,
  type Harness,
} from '../testing/backendHarness';

/** Spawns engines like the app does, remembering them so a test can kill one. */
function trackingSpawner(env?: NodeJS.ProcessEnv) {
  const spawned: EngineProcessHandle[] = [];
  const spawn = sourceEngineSpawner(env);
  return {
    spawned,
    spawnEngine: () => {
      const handle = spawn();
      spawned.push(handle);
      return handle;
    },
  };
}

describe('engine process crashes', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close({ removeData: true });
    h = null;
  });

  it('rejects a GGUF missing llama.feed_forward_length with a clear error before llama.cpp sees it', async () => {
    h = await startHarness('memory');
    const error = await h.client
      .request('engine.load', { path: await ensureBrokenModel() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'LOAD_FAILED',
      message: expect.stringMatching(/feed_forward_length/),
    });
    await expect(
      h.client.request('engine.load', { path: await ensureTinyModel() }),
    ).resolves.toMatchObject({
      state: 'ready',
    });
  }, 90_000);

  it('survives llama.cpp aborting the engine process, then restarts it on the next request', async () => {
    // Skipping the header check lets the broken file reach llama.cpp, whose assert aborts the process.
    const tracker = trackingSpawner({ TALARIA_ENGINE_PREFLIGHT: 'off' });
    h = await startHarness('memory', { spawnEngine: tracker.spawnEngine });
    const crashed = nextEvent(
      h.client,
      'engine.status',
      (s) => s.lastError?.code === 'ENGINE_CRASHED',
    );
    const error = await h.client
      .request('engine.load', { path: await ensureBrokenModel() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ENGINE_CRASHED',
      message: expect.stringMatching(
        /while loading broken-no-ff-length.*restarts on the next request/,
      ),
    });
    expect((await crashed).state).toBe('stopped');
    // The app is still up and answers.
    await expect(h.client.request('conversations.list', {})).resolves.toBeDefined();
    // The next request starts a fresh engine.
    const status = await h.client.request('engine.load', { path: await ensureTinyModel() });
    expect(status.state).toBe('ready');
    expect(tracker.spawned).toHaveLength(2);
  }, 90_000);

  it('keeps the partial reply when the engine dies mid-generation, then reloads the model', async () => {
    const tracker = trackingSpawner();
    h = await startHarness('memory', { spawnEngine: tracker.spawnEngine, batchIntervalMs: 5 });
    await h.client.request('engine.load', {
      path: await ensureStreamingModel(),
      contextSize: 1024,
    });
    const c = await h.client.request('conversations.create', {});
    const deltas: string[] = [];
    h.client.on('chat.delta', (d) => deltas.push(d.text));
    const failed = nextEvent(h.client, 'chat.error', (e) => e.conversationId === c.id);
    await h.client.request('chat.send', { conversationId: c.id, content: 'Keep talking' });
    await nextEvent(h.client, 'chat.delta', (d) => d.conversationId === c.id && d.seq >= 3);
    process.kill(tracker.spawned[0]!.pid!, 'SIGKILL');
    const event = await failed;
    expect(event.error.code).toBe('ENGINE_CRASHED');
    expect(event.message.status).toBe('error');
    expect(event.message.content.length).toBeGreaterThan(0);
    expect(event.message.content).toBe(deltas.join(''));
    const stored = await h.client.request('conversations.get', { id: c.id });
    expect(stored.messages.at(-1)).toMatchObject({
      status: 'error',
      content: event.message.content,
    });
    expect(stored.messages[0]).toMatchObject({ role: 'user', content: 'Keep talking' });
    // The same model comes back with the same settings, with no request from the user.
    const ready = await nextEvent(h.client, 'engine.status', (s) => s.state === 'ready', 60_000);
    expect(ready.model).toMatchObject({ path: await ensureStreamingModel(), contextSize: 1024 });
    expect(tracker.spawned).toHaveLength(2);
  }, 120_000);

  it('reloads the model after a SIGKILL, and gives up after three crashes within a minute', async () => {
    const tracker = trackingSpawner();
    h = await startHarness('memory', { spawnEngine: tracker.spawnEngine });
    const tiny = await ensureTinyModel();
    await h.client.request('engine.load', { path: tiny, contextSize: 512 });
    const statuses: { state: string; message: string | null }[] = [];
    h.client.on('engine.status', (s) =>
      statuses.push({ state: s.state, message: s.lastError?.message ?? null }),
    );
    const recoveries: number[] = [];
    for (let crash = 1; crash <= 2; crash++) {
      const killedAt = Date.now();
      const ready = nextEvent(h.client, 'engine.status', (s) => s.state === 'ready', 60_000);
      process.kill(tracker.spawned.at(-1)!.pid!, 'SIGKILL');
      expect((await ready).model).toMatchObject({ path: tiny, contextSize: 512 });
      recoveries.push(Date.now() - killedAt);
    }
    console.log(
      `[crash] model loaded again ${recoveries.map((ms) => `${ms} ms`).join(', ')} after SIGKILL`,
    );
    expect(statuses).toContainEqual({
      state: 'loading',
      message: `The engine stopped unexpectedly; reloading ${basename(tiny)}…`,
    });
    // The third crash within the minute: no reload loop, and the status says why.
    const gaveUp = nextEvent(h.client, 'engine.status', (s) =>
      /3 times within a minute/.test(s.lastError?.message ?? ''),
    );
    process.kill(tracker.spawned.at(-1)!.pid!, 'SIGKILL');
    expect(await gaveUp).toMatchObject({ state: 'stopped', model: null });
    await new Promise((ok) => setTimeout(ok, 1_000));
    expect(tracker.spawned).toHaveLength(3);
  }, 120_000);
});

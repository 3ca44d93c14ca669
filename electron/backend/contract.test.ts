import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../scripts/testing/testModels';
import type { TalariaError } from '../../shared/contract/errors';
import { nextEvent, startHarness, type Harness } from '../testing/backendHarness';

/** The contract, end to end on the real backend, over both transports. */
describe.each(['memory', 'websocket'] as const)('contract over %s', (kind) => {
  let h: Harness;
  let model: string;

  beforeAll(async () => {
    model = await ensureTinyModel();
    h = await startHarness(kind, { batchIntervalMs: 5 });
  });
  afterAll(async () => h?.close({ removeData: true }));

  it('reports app info for this shell', async () => {
    const info = await h.client.request('app.info', {});
    expect(info).toMatchObject({ shell: 'host', dataDir: h.dataDir, nativeDialogs: false });
  });

  it('creates, lists, renames and deletes conversations', async () => {
    const created = await h.client.request('conversations.create', { title: 'Plans' });
    expect(created.title).toBe('Plans');
    let list = await h.client.request('conversations.list', {});
    expect(list.conversations.map((c) => c.id)).toContain(created.id);
    const renamed = await h.client.request('conversations.rename', {
      id: created.id,
      title: 'Trip plans',
    });
    expect(renamed.title).toBe('Trip plans');
    await h.client.request('conversations.delete', { id: created.id });
    list = await h.client.request('conversations.list', {});
    expect(list.conversations.map((c) => c.id)).not.toContain(created.id);
    await expect(h.client.request('conversations.get', { id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('answers bad requests with error codes and keeps serving', async () => {
    const bad = [
      h.client.request('conversations.rename', { id: 'x', title: '   ' }),
      h.client.request('conversations.get', {} as never),
      h.client.request('chat.send', { conversationId: 'nope', content: 'hi' }),
      h.client.request('engine.load', { path: 42 } as never),
      h.client.request('settings.get', { key: 'a', extra: 1 } as never),
      (h.client as unknown as { request: (m: string, p: unknown) => Promise<unknown> }).request(
        'no.such',
        {},
      ),
    ];
    const codes = await Promise.all(bad.map((p) => p.catch((e: TalariaError) => e.code)));
    expect(codes).toEqual([
      'INVALID_INPUT',
      'INVALID_INPUT',
      'NOT_FOUND',
      'INVALID_INPUT',
      'INVALID_INPUT',
      'UNKNOWN_METHOD',
    ]);
    await expect(h.client.request('conversations.list', {})).resolves.toBeDefined();
  });

  it('refuses to send before a model is loaded, without committing the message', async () => {
    const c = await h.client.request('conversations.create', {});
    await expect(
      h.client.request('chat.send', { conversationId: c.id, content: 'hello' }),
    ).rejects.toMatchObject({
      code: 'NO_MODEL_LOADED',
    });
    const { messages } = await h.client.request('conversations.get', { id: c.id });
    expect(messages).toEqual([]);
  });

  it('loads a model and reports the backend', async () => {
    const statusEvent = nextEvent(h.client, 'engine.status', (s) => s.state === 'ready');
    const status = await h.client.request('engine.load', { path: model });
    expect(status).toMatchObject({ state: 'ready', backend: 'cpu' });
    expect(status.model?.name).toMatch(/tiny-hermes/);
    expect(status.threads).toBeGreaterThan(0);
    expect(status.memory?.ramBytes).toBeGreaterThan(0);
    await statusEvent;
    const info = await h.client.request('app.info', {});
    expect(info.recentModels[0]).toBe(model);
  });

  it('streams a reply as ordered deltas and stores it with stats', async () => {
    const c = await h.client.request('conversations.create', {});
    await h.client.request('conversations.update', {
      id: c.id,
      sampling: { maxTokens: 24, seed: 7 },
    });
    const deltas: { seq: number; text: string }[] = [];
    const off = h.client.on('chat.delta', (d) => deltas.push(d));
    const done = nextEvent(h.client, 'chat.done', (d) => d.conversationId === c.id);
    const start = await h.client.request('chat.send', {
      conversationId: c.id,
      content: 'Tell me a story',
    });
    expect(start.userMessage?.content).toBe('Tell me a story');
    expect(start.assistantMessage.status).toBe('streaming');
    const { message } = await done;
    off();
    const mine = deltas.filter(
      (d) => (d as unknown as { streamId: string }).streamId === start.streamId,
    );
    expect(mine.map((d) => d.seq)).toEqual(mine.map((_, i) => i + 1));
    expect(mine.map((d) => d.text).join('')).toBe(message.content);
    expect(message.status).toBe('complete');
    expect(message.stats).toMatchObject({ stopReason: expect.stringMatching(/eos|maxTokens/) });
    expect(message.stats!.completionTokens).toBeGreaterThan(0);
    expect(message.stats!.completionTokens).toBeLessThanOrEqual(24);
    expect(message.stats!.ttftMs).toBeGreaterThanOrEqual(0);
    const stored = await h.client.request('conversations.get', { id: c.id });
    expect(stored.conversation.title).toBe('Tell me a story');
    expect(stored.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Tell me a story'],
      ['assistant', message.content],
    ]);
  });

  it('stop keeps the partial text and marks the reply aborted', async () => {
    const c = await h.client.request('conversations.create', {});
    await h.client.request('conversations.update', {
      id: c.id,
      sampling: { maxTokens: 100_000, temperature: 1, repeatPenalty: 1 },
    });
    const firstDelta = nextEvent(h.client, 'chat.delta', (d) => d.conversationId === c.id);
    const done = nextEvent(h.client, 'chat.done', (d) => d.conversationId === c.id);
    const start = await h.client.request('chat.send', {
      conversationId: c.id,
      content: 'Go on forever',
    });
    await firstDelta;
    await expect(h.client.request('chat.stop', { streamId: start.streamId })).resolves.toEqual({
      stopped: true,
    });
    const { message } = await done;
    expect(message.status).toBe('aborted');
    expect(message.stats?.stopReason).toBe('abort');
    expect(message.content.length).toBeGreaterThan(0);
    const stored = await h.client.request('conversations.get', { id: c.id });
    expect(stored.messages.at(-1)?.content).toBe(message.content);
  });

  it('regenerates the last reply as a new branch', async () => {
    const c = await h.client.request('conversations.create', {});
    await h.client.request('conversations.update', { id: c.id, sampling: { maxTokens: 8 } });
    let done = nextEvent(h.client, 'chat.done', (d) => d.conversationId === c.id);
    await h.client.request('chat.send', { conversationId: c.id, content: 'Hi' });
    const first = (await done).message;
    done = nextEvent(h.client, 'chat.done', (d) => d.conversationId === c.id);
    const again = await h.client.request('chat.regenerate', { conversationId: c.id });
    expect(again.userMessage).toBeNull();
    const second = (await done).message;
    expect(second.id).not.toBe(first.id);
    expect(second.parentId).toBe(first.parentId);
    const stored = await h.client.request('conversations.get', { id: c.id });
    expect(stored.messages.map((m) => m.id)).toEqual([first.parentId, second.id]);
  });

  it('answers BUSY while a reply streams', async () => {
    const c = await h.client.request('conversations.create', {});
    await h.client.request('conversations.update', {
      id: c.id,
      sampling: { maxTokens: 100_000, repeatPenalty: 1 },
    });
    const done = nextEvent(h.client, 'chat.done', (d) => d.conversationId === c.id);
    const start = await h.client.request('chat.send', {
      conversationId: c.id,
      content: 'Long one',
    });
    await expect(
      h.client.request('chat.send', { conversationId: c.id, content: 'Again' }),
    ).rejects.toMatchObject({
      code: 'BUSY',
    });
    const active = await h.client.request('chat.active', {});
    expect(active.streams.map((s) => s.streamId)).toContain(start.streamId);
    const snapshot = await h.client.request('chat.attach', { streamId: start.streamId });
    expect(snapshot.messageId).toBe(start.assistantMessage.id);
    await h.client.request('chat.stop', { streamId: start.streamId });
    await done;
  });
});

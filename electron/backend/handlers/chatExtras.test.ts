import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import type { TalariaClient } from '../../../shared/contract/client';
import { HIGHLIGHT_START } from '../../../shared/chatExport/searchHighlight';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';

async function reply(client: TalariaClient, conversationId: string, start: () => Promise<unknown>) {
  const done = nextEvent(client, 'chat.done', (d) => d.conversationId === conversationId);
  await start();
  return (await done).message;
}

/** Branches, message actions, search and transfer on the real backend and engine. */
describe('chat extras over the contract', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('memory', { batchIntervalMs: 5 });
    await h.client.request('engine.load', { path: await ensureTinyModel() });
  });
  afterAll(async () => h?.close({ removeData: true }));

  async function chatWithReply(content = 'Hello there') {
    const c = await h.client.request('conversations.create', {});
    await h.client.request('conversations.update', { id: c.id, sampling: { maxTokens: 6 } });
    const answer = await reply(h.client, c.id, () =>
      h.client.request('chat.send', { conversationId: c.id, content }),
    );
    return { id: c.id, answer };
  }

  it('regenerated replies are branches that can be shown in turn', async () => {
    const { id, answer } = await chatWithReply();
    const second = await reply(h.client, id, () =>
      h.client.request('chat.regenerate', { conversationId: id }),
    );
    const { branches } = await h.client.request('conversations.branches', { id });
    expect(branches).toEqual([{ parentId: answer.parentId, messageIds: [answer.id, second.id] }]);

    const back = await h.client.request('messages.reveal', { messageId: answer.id });
    expect(back.messages.map((m) => m.id)).toEqual([answer.parentId, answer.id]);
    expect(back.conversation.activeLeafId).toBe(answer.id);
    expect(back.branches).toEqual(branches);
    // Revealing a message already shown leaves the branch as it is.
    const same = await h.client.request('messages.reveal', { messageId: answer.parentId! });
    expect(same.conversation.activeLeafId).toBe(answer.id);
  });

  it('opens a conversation with just its newest messages, then all of them', async () => {
    const { id, answer } = await chatWithReply('A long one');
    const tail = await h.client.request('conversations.get', { id, last: 1 });
    expect(tail.messages.map((m) => m.id)).toEqual([answer.id]);
    expect(tail.complete).toBe(false);
    const all = await h.client.request('conversations.get', { id, last: 2 });
    expect(all.messages.map((m) => m.id)).toEqual([answer.parentId, answer.id]);
    expect(all.complete).toBe(true);
    expect((await h.client.request('conversations.get', { id })).complete).toBe(true);
    await expect(
      h.client.request('conversations.get', { id: 'missing', last: 5 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('edit and resend writes a sibling user message and answers it', async () => {
    const { id, answer } = await chatWithReply('First wording');
    const userId = answer.parentId!;
    const done = nextEvent(h.client, 'chat.done', (d) => d.conversationId === id);
    const start = await h.client.request('chat.edit', { messageId: userId, content: 'Second' });
    expect(start.userMessage).toMatchObject({ content: 'Second', parentId: null, role: 'user' });
    expect(start.assistantMessage.parentId).toBe(start.userMessage!.id);
    await done;
    const view = await h.client.request('messages.reveal', { messageId: start.userMessage!.id });
    expect(view.messages.map((m) => m.content)[0]).toBe('Second');
    expect(view.branches).toEqual([
      { parentId: null, messageIds: [userId, start.userMessage!.id] },
    ]);
    await expect(
      h.client.request('chat.edit', { messageId: start.assistantMessage.id, content: 'x' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('continue streams the old text first and extends the reply in place', async () => {
    const { id, answer } = await chatWithReply();
    const deltas: string[] = [];
    const off = h.client.on('chat.delta', (d) => {
      if (d.conversationId === id) deltas.push(d.text);
    });
    const done = nextEvent(h.client, 'chat.done', (d) => d.conversationId === id);
    const start = await h.client.request('chat.continue', { conversationId: id });
    expect(start.assistantMessage.id).toBe(answer.id);
    expect(start.assistantMessage.status).toBe('streaming');
    const { message } = await done;
    off();
    expect(deltas[0]).toBe(answer.content);
    expect(message.id).toBe(answer.id);
    expect(message.content.startsWith(answer.content)).toBe(true);
    expect(deltas.join('')).toBe(message.content);
    const stored = await h.client.request('conversations.get', { id });
    expect(stored.messages).toHaveLength(2);
    expect(stored.messages[1]?.content).toBe(message.content);
  });

  it('deleting a shown branch falls back to its sibling, then to the parent', async () => {
    const { id, answer } = await chatWithReply();
    const second = await reply(h.client, id, () =>
      h.client.request('chat.regenerate', { conversationId: id }),
    );
    let view = await h.client.request('messages.delete', { messageId: second.id });
    expect(view.messages.map((m) => m.id)).toEqual([answer.parentId, answer.id]);
    expect(view.branches).toEqual([]);
    view = await h.client.request('messages.delete', { messageId: answer.id });
    expect(view.messages.map((m) => m.id)).toEqual([answer.parentId]);
    view = await h.client.request('messages.delete', { messageId: answer.parentId! });
    expect(view.messages).toEqual([]);
    await expect(
      h.client.request('messages.delete', { messageId: answer.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('forks, duplicates and pins; the page lists pinned first', async () => {
    const { id, answer } = await chatWithReply('Fork me please');
    const fork = await h.client.request('conversations.fork', { messageId: answer.parentId! });
    expect(fork.title).toBe('Fork me please (fork)');
    const forked = await h.client.request('conversations.get', { id: fork.id });
    expect(forked.messages.map((m) => m.content)).toEqual(['Fork me please']);
    const copy = await h.client.request('conversations.duplicate', { id });
    const copied = await h.client.request('conversations.get', { id: copy.id });
    expect(copied.messages.map((m) => m.content)).toEqual(['Fork me please', answer.content]);

    await h.client.request('conversations.pin', { id, pinned: true });
    const page = await h.client.request('conversations.list', { limit: 2 });
    expect(page.conversations[0]).toMatchObject({ id, pinned: true });
    expect(page.conversations).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
  });

  it('finds messages with highlighted snippets', async () => {
    const { id } = await chatWithReply('Where do flamingos sleep?');
    const { hits } = await h.client.request('conversations.search', { query: 'flamingo*' });
    expect(hits[0]).toMatchObject({ conversationId: id, role: 'user' });
    expect(hits[0]?.snippet).toContain(`${HIGHLIGHT_START}flamingos`);
    await expect(h.client.request('conversations.search', { query: '' })).resolves.toEqual({
      hits: [],
    });
  });

  it('exports and imports; a bad import saves nothing', async () => {
    const { id, answer } = await chatWithReply('Export this');
    const json = await h.client.request('conversations.export', { id, format: 'json' });
    expect(json.fileName).toBe('export-this.json');
    const md = await h.client.request('conversations.export', { id, format: 'md' });
    expect(md.text).toContain('Export this');
    const before = (await h.client.request('conversations.list', {})).total;
    const imported = await h.client.request('conversations.import', { text: json.text });
    expect(imported.conversationIds).toHaveLength(1);
    const again = await h.client.request('conversations.get', {
      id: imported.conversationIds[0]!,
    });
    expect(again.messages.map((m) => m.content)).toEqual(['Export this', answer.content]);

    const openAi = JSON.stringify([
      { role: 'system', content: 'Be brief' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
    ]);
    const plain = await h.client.request('conversations.import', { text: openAi });
    const view = await h.client.request('conversations.get', { id: plain.conversationIds[0]! });
    expect(view.conversation.systemPrompt).toBe('Be brief');
    expect(view.messages.map((m) => m.role)).toEqual(['user', 'assistant']);

    const bundle = JSON.parse(
      (await h.client.request('conversations.export', { all: true })).text,
    ) as { conversations: { messages: { parentId: string | null }[] }[] };
    const last = bundle.conversations.at(-1)!;
    last.messages.push({ ...last.messages[0]!, parentId: 'missing' });
    const total = (await h.client.request('conversations.list', {})).total;
    await expect(
      h.client.request('conversations.import', { text: JSON.stringify(bundle) }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await h.client.request('conversations.list', {})).total).toBe(total);
    expect(total).toBe(before + 2);
    await expect(
      h.client.request('conversations.export', { format: 'md' } as never),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('stop strings end the reply and stopAndAsk refuses an overfull history', async () => {
    const c = await h.client.request('conversations.create', {});
    await h.client.request('conversations.update', {
      id: c.id,
      sampling: { maxTokens: 40, seed: 3, temperature: 0 },
    });
    const free = await reply(h.client, c.id, () =>
      h.client.request('chat.send', { conversationId: c.id, content: 'Say something' }),
    );
    const stopAt = free.content.trim().slice(2, 4);
    expect(stopAt.length).toBe(2);
    await h.client.request('conversations.update', {
      id: c.id,
      sampling: { maxTokens: 40, seed: 3, temperature: 0, stopStrings: [stopAt] },
    });
    const cut = await reply(h.client, c.id, () =>
      h.client.request('chat.regenerate', { conversationId: c.id }),
    );
    expect(cut.content.length).toBeLessThan(free.content.length);
    expect(cut.content).not.toContain(stopAt);

    await h.client.request('conversations.update', {
      id: c.id,
      sampling: { contextLength: 64, contextPolicy: 'stopAndAsk', maxTokens: 8 },
    });
    const error = nextEvent(h.client, 'chat.error', (d) => d.conversationId === c.id);
    await h.client.request('chat.send', { conversationId: c.id, content: 'x '.repeat(300) });
    const failed = await error;
    expect(failed.error.code).toBe('INVALID_INPUT');
    expect(failed.error.message).toMatch(/no longer fits/);
  });
});

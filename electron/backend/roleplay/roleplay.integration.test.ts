import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import type { TalariaEvents } from '../../../shared/contract';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';
import { seraphinaBase64 } from '../personas/testSupport';

let h: Harness;
let characterId: string;

beforeAll(async () => {
  h = await startHarness('memory', { batchIntervalMs: 5 });
  await h.client.request('engine.load', { path: await ensureTinyModel(), contextSize: 8192 });
  const { character } = await h.client.request('characters.import', {
    fileName: 'seraphina.png',
    data: seraphinaBase64(),
  });
  characterId = character.id;
  const ada = await h.client.request('personas.save', {
    persona: { name: 'Ada', description: 'Ada is a cartographer who maps {{char}}\u2019s forest.' },
  });
  await h.client.request('personas.setDefault', { id: ada.id });
});
afterAll(async () => {
  await h?.close({ removeData: true });
});

async function send(conversationId: string, content: string) {
  const done = nextEvent(h.client, 'chat.done', (e) => e.conversationId === conversationId, 60_000);
  await h.client.request('chat.send', { conversationId, content });
  return (await done).message;
}

async function roleplayChat(maxTokens = 8): Promise<string> {
  const { conversation } = await h.client.request('characters.startChat', { characterId });
  await h.client.request('conversations.update', {
    id: conversation.id,
    sampling: { temperature: 0, seed: 3, maxTokens },
  });
  return conversation.id;
}

describe('a roleplay reply on the real engine', () => {
  it('is generated from the assembled prompt: character, persona and the lorebook entry it triggered', async () => {
    const id = await roleplayChat();
    const reply = await send(id, 'Tell me about the Shadowfang beasts.');
    const { assembly } = await h.client.request('roleplay.assemblyFor', { messageId: reply.id });
    expect(assembly).not.toBeNull();
    const kinds = assembly?.sections.map((s) => s.kind) ?? [];
    expect(kinds.indexOf('description')).toBeLessThan(kinds.indexOf('persona'));
    const persona = assembly?.sections.find((s) => s.kind === 'persona');
    expect(persona?.text).toBe(
      "Ada's persona: Ada is a cartographer who maps Seraphina\u2019s forest.",
    );
    const lore = assembly?.sections.filter((s) => s.kind === 'lorebook' && s.included) ?? [];
    expect(lore.some((s) => s.text.includes('What are Shadowfangs?'))).toBe(true);
    // The greeting and the user's line are history, {{user}} written as the persona's name.
    expect(assembly?.sections.filter((s) => s.kind === 'history')).toHaveLength(2);
    expect(assembly?.tokens.fits).toBe(true);

    const { prompt, tokenCount } = await h.client.request('chat.promptFor', {
      messageId: reply.id,
    });
    expect(prompt).toContain("Ada's persona: Ada is a cartographer");
    expect(prompt).toContain('Ada: "What are Shadowfangs?"');
    expect(prompt).not.toContain('{{user}}');
    expect(
      prompt.endsWith('Tell me about the Shadowfang beasts.<|im_end|>\n<|im_start|>assistant\n'),
    ).toBe(true);
    expect(tokenCount).toBe(assembly?.tokens.total);
  });

  it('cuts the oldest turns when the context is full and says so', async () => {
    const id = await roleplayChat();
    await h.client.request('conversations.update', {
      id,
      sampling: { contextLength: 4000, maxTokens: 8 },
    });
    for (const line of ['First question about the glade?', 'Second?', 'Third?']) {
      await send(id, `${line} ${'More words to fill the context. '.repeat(60)}`);
    }
    const last = await send(id, 'Last one.');
    const { assembly } = await h.client.request('roleplay.assemblyFor', { messageId: last.id });
    const cut = assembly?.sections.filter((s) => !s.included) ?? [];
    expect(cut.length).toBeGreaterThan(0);
    expect(cut[0]?.reason).toMatch(/context was full/);
    expect(assembly?.droppedMessageIds.length).toBeGreaterThan(0);
    expect(assembly?.tokens.total).toBeLessThanOrEqual(assembly?.tokens.budget ?? 0);
  });

  it('puts post-history instructions last, except when continuing a reply in place', async () => {
    const id = await roleplayChat();
    const preset = await h.client.request('presets.save', {
      preset: {
        name: 'Steady',
        systemPrompt: 'Narrate.',
        postHistoryInstructions: 'Stay in character.',
      },
    });
    await h.client.request('roleplay.set', { conversationId: id, presetId: preset.id });
    const reply = await send(id, 'Hello there.');
    const first = await h.client.request('chat.promptFor', { messageId: reply.id });
    expect(first.prompt).toContain(
      'Hello there.<|im_end|>\n<|im_start|>system\nStay in character.<|im_end|>',
    );

    const done = nextEvent(h.client, 'chat.done', (e) => e.conversationId === id, 60_000);
    await h.client.request('chat.continue', { conversationId: id });
    const { message } = await done;
    expect(message.id).toBe(reply.id);
    const { assembly } = await h.client.request('roleplay.assemblyFor', { messageId: reply.id });
    expect(assembly?.sections.some((s) => s.kind === 'postHistoryInstructions')).toBe(false);
    expect(assembly?.sections.at(-2)).toMatchObject({ kind: 'history', role: 'assistant' });
  });

  it('impersonates: drafts the next user line, streamed, and stores nothing', async () => {
    const id = await roleplayChat(12);
    const before = (await h.client.request('conversations.get', { id })).messages.length;
    const events: TalariaEvents['chat.impersonation'][] = [];
    const off = h.client.on('chat.impersonation', (e) => events.push(e));
    const { text } = await h.client.request('chat.impersonate', { conversationId: id });
    off();
    expect(typeof text).toBe('string');
    expect(events.at(-1)).toEqual({ conversationId: id, text, done: true });
    expect((await h.client.request('conversations.get', { id })).messages).toHaveLength(before);
  });

  it('expands macros in a plain chat system prompt and uses the default preset for new chats', async () => {
    const { presets } = await h.client.request('presets.list', {});
    const hermes = presets.find((p) => p.builtin && /Hermes 3/.test(p.systemPrompt));
    expect(hermes).toBeDefined();
    await h.client.request('presets.setDefault', { presetId: hermes?.id ?? null });
    const conversation = await h.client.request('conversations.create', {});
    expect(conversation.systemPrompt).toBe(hermes?.systemPrompt);
    expect(
      (await h.client.request('roleplay.get', { conversationId: conversation.id })).roleplay
        .presetId,
    ).toBe(hermes?.id);
    await h.client.request('presets.setDefault', { presetId: null });

    const plain = await h.client.request('conversations.create', {
      systemPrompt: 'You talk with {{user}}. Year: {{isodate}}.',
    });
    await h.client.request('conversations.update', { id: plain.id, sampling: { maxTokens: 4 } });
    const reply = await send(plain.id, 'Hi');
    const { prompt } = await h.client.request('chat.promptFor', { messageId: reply.id });
    expect(prompt).toContain(`You talk with Ada. Year: ${new Date().getFullYear()}-`);
  });
});

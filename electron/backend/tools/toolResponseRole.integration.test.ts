import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';

let h: Harness;
let modelId: string;

beforeAll(async () => {
  h = await startHarness('memory', { batchIntervalMs: 5 });
  const model = await h.client.request('library.import', {
    path: await ensureTinyModel(),
    mode: 'copy',
  });
  modelId = model.id;
  await h.client.request('library.load', {
    id: modelId,
    settings: { contextSize: 1024, threads: 1, toolResponseRole: 'user' },
  });
});
afterAll(async () => {
  await h?.close({ removeData: true });
});

/** One forced calculator turn; returns the prompt the final reply was generated from. */
async function finalPrompt(conversationId: string): Promise<string> {
  const done = nextEvent(h.client, 'chat.done', (e) => e.conversationId === conversationId, 60_000);
  await h.client.request('chat.send', { conversationId, content: 'What is 6 times 7?' });
  await done;
  const { messages } = await h.client.request('conversations.get', { id: conversationId });
  const afterTool = messages.findLast(
    (m, i) => m.role === 'assistant' && messages[i - 1]?.role === 'tool',
  );
  expect(afterTool).toBeDefined();
  return (await h.client.request('chat.promptFor', { messageId: afterTool?.id ?? '' })).prompt;
}

async function toolChat(toolResponseRole?: 'model' | 'tool' | 'user'): Promise<string> {
  const { id } = await h.client.request('conversations.create', { title: 'role' });
  await h.client.request('conversations.update', {
    id,
    sampling: { temperature: 0, seed: 1, maxTokens: 60 },
  });
  await h.client.request('conversations.setTools', {
    conversationId: id,
    enabled: ['calculator'],
    toolChoice: { name: 'calculator' },
    guaranteedArguments: true,
    maxDepth: 2,
    ...(toolResponseRole ? { toolResponseRole } : {}),
  });
  return id;
}

describe('where tool results go', () => {
  it("a new chat follows the loaded model's setting: user turns for this model", async () => {
    const id = await toolChat();
    const { settings } = await h.client.request('tools.list', { conversationId: id });
    expect(settings.toolResponseRole).toBe('model');
    const prompt = await finalPrompt(id);
    expect(prompt).toContain('<|im_start|>user\n<tool_response>\n');
    expect(prompt).not.toContain('<|im_start|>tool');
  });

  it("a chat's own choice overrides the model's", async () => {
    const prompt = await finalPrompt(await toolChat('tool'));
    expect(prompt).toContain('<|im_start|>tool\n<tool_response>\n');
  });

  it('changing the model setting changes the chats that follow it', async () => {
    await h.client.request('library.setSettings', {
      id: modelId,
      settings: { toolResponseRole: 'tool' },
    });
    const prompt = await finalPrompt(await toolChat('model'));
    expect(prompt).toContain('<|im_start|>tool\n<tool_response>\n');
  });
});

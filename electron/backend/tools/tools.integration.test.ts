import { getLlama, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import type { ToolCallRecord } from '../../../shared/contract/tools';
import { renderHermesPrompt, validateToolCall, type HermesMessage } from '../../../shared/hermes';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';

let h: Harness;
let llama: Llama;
let model: LlamaModel;

beforeAll(async () => {
  const path = await ensureTinyModel();
  h = await startHarness('memory', { batchIntervalMs: 5 });
  await h.client.request('engine.load', { path });
  llama = await getLlama({ gpu: false, build: 'never' });
  model = await llama.loadModel({ modelPath: path });
});
afterAll(async () => {
  await h?.close({ removeData: true });
  await model?.dispose();
  await llama?.dispose();
});

async function conversationWith(
  tools: Parameters<Harness['client']['request']>[1] & object,
  seed = 7,
): Promise<string> {
  const { id } = await h.client.request('conversations.create', { title: 'tools' });
  await h.client.request('conversations.update', {
    id,
    sampling: { temperature: 0.8, seed, maxTokens: 400 },
  });
  await h.client.request('conversations.setTools', { conversationId: id, ...tools });
  return id;
}

/** Sends a message and waits for the whole reply; returns the stored branch and call events. */
async function reply(conversationId: string, content: string) {
  const events: ToolCallRecord[] = [];
  const off = h.client.on('chat.toolCall', ({ call }) => events.push(call));
  const done = nextEvent(h.client, 'chat.done', (e) => e.conversationId === conversationId, 60_000);
  await h.client.request('chat.send', { conversationId, content });
  await done;
  off();
  const { messages } = await h.client.request('conversations.get', { id: conversationId });
  return Object.assign(messages, { events });
}

describe('tool calling on the generated model through the real engine', () => {
  it('a forced calculator call runs the built-in and the loop finishes', async () => {
    const id = await conversationWith({
      enabled: ['calculator', 'roll_dice'],
      toolChoice: { name: 'calculator' },
      guaranteedArguments: true,
      maxDepth: 3,
    });
    const messages = await reply(id, 'What is 6 times 7?');
    const [user, first, tool] = messages;
    expect(user?.role).toBe('user');
    expect(first?.content.startsWith('<tool_call>\n{"name": "calculator", "arguments": {')).toBe(
      true,
    );
    const record = first?.toolCalls?.[0];
    expect(record?.name).toBe('calculator');
    const { builtins } = await h.client.request('tools.builtins', {});
    const tools = builtins.map((b) => ({ type: 'function' as const, function: b }));
    expect(
      validateToolCall({ name: 'calculator', arguments: record?.arguments ?? {} }, tools),
    ).toEqual({ ok: true });
    // The calculator really ran: a result, or its own parser error about the model's expression.
    expect(tool?.role).toBe('tool');
    expect(tool?.content).toBe(record?.result);
    if (record?.status === 'done')
      expect(tool?.content).toMatch(/^\{"name": "calculator", "content": \{"expression":/);
    else {
      expect(record?.status).toBe('error');
      expect(tool?.content).toBe(
        `There was an error when executing the function: calculator\nHere's the error traceback: ${record?.error}\n` +
          'Please call this function again with correct arguments within XML tags <tool_call></tool_call>',
      );
    }
    // Each step of the card went out as an event, ending in the stored state.
    const steps = messages.events.filter((c) => c.id === record?.id).map((c) => c.status);
    expect(steps.slice(0, 2)).toEqual(['pending', 'running']);
    expect(steps.at(-1)).toBe(record?.status);
    const toolTurns = messages.filter((m) => m.role === 'tool').length;
    expect(toolTurns).toBeGreaterThanOrEqual(1);
    expect(messages.filter((m) => m.role === 'assistant').length).toBeLessThanOrEqual(3);
    expect(messages.every((m) => m.status === 'complete')).toBe(true);

    // The prompt inspector shows exactly what the template renders for the stored conversation.
    const second = messages[3];
    expect(second?.role).toBe('assistant');
    const expected: HermesMessage[] = [
      { role: 'user', content: 'What is 6 times 7?' },
      {
        role: 'assistant',
        content: first?.content ?? '',
        tool_calls: (first?.toolCalls ?? []).map((c) => ({
          function: { name: c.name, arguments: c.arguments ?? {} },
        })),
      },
      { role: 'tool', content: tool?.content ?? '' },
    ];
    const enabled = tools.filter((t) => ['calculator', 'roll_dice'].includes(t.function.name));
    const inspected = await h.client.request('chat.promptFor', { messageId: second?.id ?? '' });
    expect(inspected.prompt).toBe(renderHermesPrompt(expected, { tools: enabled }));
    expect(inspected.tokenCount).toBe(model.tokenize(inspected.prompt, true).length);
    expect(inspected.specialTokens).toContain('<tool_call>');
    const firstPrompt = await h.client.request('chat.promptFor', { messageId: first?.id ?? '' });
    expect(firstPrompt.prompt).toBe(renderHermesPrompt(expected.slice(0, 1), { tools: enabled }));
  });

  it("'required' with guaranteed arguments makes a schema-valid call every time", async () => {
    const enabled = ['calculator', 'convert_units', 'roll_dice', 'datetime'];
    const { builtins } = await h.client.request('tools.builtins', {});
    const tools = builtins.map((b) => ({ type: 'function' as const, function: b }));
    for (const seed of [1, 2, 3, 4]) {
      const id = await conversationWith(
        { enabled, toolChoice: 'required', guaranteedArguments: true, maxDepth: 1 },
        seed,
      );
      const [, first] = await reply(id, 'Use a tool.');
      const calls = first?.toolCalls ?? [];
      // The forced call comes first; a later call the model opens may be cut off by maxTokens.
      expect(calls[0]?.name).not.toBe('');
      for (const call of calls.filter((c) => c.name !== '')) {
        expect(enabled).toContain(call.name);
        expect(
          validateToolCall({ name: call.name, arguments: call.arguments ?? {} }, tools),
        ).toEqual({ ok: true });
        expect(call.result).not.toMatch(/^There was an error validating/);
      }
    }
  });

  it("pauses on an 'ask' mock until the user answers, then finishes", async () => {
    const id = await conversationWith({});
    await h.client.request('tools.define', {
      conversationId: id,
      name: 'lookup',
      description: 'Looks a word up.',
      parameters: {
        type: 'object',
        properties: { word: { type: 'string', maxLength: 8 } },
        required: ['word'],
      },
      mock: { mode: 'ask' },
    });
    await h.client.request('conversations.setTools', {
      conversationId: id,
      toolChoice: { name: 'lookup' },
      guaranteedArguments: true,
      maxDepth: 2,
    });
    const waiting = nextEvent(
      h.client,
      'chat.toolCall',
      (e) => e.call.status === 'awaiting-user',
      60_000,
    );
    const done = nextEvent(h.client, 'chat.done', (e) => e.conversationId === id, 60_000);
    await h.client.request('chat.send', { conversationId: id, content: 'Define tea.' });
    const { call } = await waiting;
    expect(call.name).toBe('lookup');
    expect((await h.client.request('chat.active', {})).streams).toHaveLength(1);
    const answered = await h.client.request('chat.resolveToolCall', {
      callId: call.id,
      arguments: { word: 'tea' },
      response: 'A hot drink.',
    });
    expect(answered).toMatchObject({ status: 'done', arguments: { word: 'tea' } });
    await done;
    const { messages } = await h.client.request('conversations.get', { id });
    expect(messages.find((m) => m.role === 'tool')?.content).toBe(
      '{"name": "lookup", "content": "A hot drink."}',
    );
  });
});

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TalariaEvents } from '../../../shared/contract';
import type { ToolCallRecord } from '../../../shared/contract/tools';
import { ChatService } from '../chat/ChatService';
import { Store } from '../store';
import { useTempDir } from '../store/testSupport';
import { createBuiltinTools } from './builtins';
import { ConversationReplies } from '../chat/ConversationReplies';
import { maxDepthNotice } from './feedback';
import { PausedCalls } from './PausedCalls';
import { INTERRUPTED_CALL } from './ToolCallStore';
import { PendingAsks } from './ToolExecutor';
import { ToolService } from './ToolService';
import { ToolStore } from './ToolStore';
import { call, scriptedEngine } from './toolLoopTestSupport';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The chat side of the backend over the store file, as createBackend builds it on start-up. */
function openApp(dir: string, outputs: string[]) {
  const store = new Store({ file: join(dir, 'talaria.db') });
  store.messages.markInterrupted();
  const tools = new ToolStore(store.db);
  tools.calls.markInterrupted();
  const builtins = createBuiltinTools();
  builtins.set('hang', {
    definition: { name: 'hang', description: 'Never answers.', parameters: { type: 'object' } },
    run: () => new Promise(() => undefined),
  });
  const service = new ToolService({ store, tools, builtins });
  const asks = new PendingAsks();
  const scripted = scriptedEngine(outputs);
  const events: { name: string; data: unknown }[] = [];
  const emit = <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) =>
    void events.push({ name, data });
  const replies = new ConversationReplies({ store, tools, service, asks });
  const chat = new ChatService({ store, engine: scripted.engine, emit, replies });
  const paused = new PausedCalls({ store, tools, chat, emit });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await chat.shutdown();
    store.close();
  };
  cleanups.push(close);
  const callEvents = () =>
    events
      .filter((e) => e.name === 'chat.toolCall')
      .map((e) => e.data as TalariaEvents['chat.toolCall']);
  const path = (id: string) => store.messages.activePath(id);
  return { store, tools, service, chat, paused, events, callEvents, path, close, ...scripted };
}

type App = ReturnType<typeof openApp>;

/** A conversation with an 'ask' tool `lookup`, replied to until a call waits for the user. */
async function askedThenClosed(
  dir: string,
  first: string,
  settings: { maxDepth?: number; timeoutMs?: number; enabled?: string[] } = {},
) {
  const app = openApp(dir, [first]);
  const { id } = app.store.conversations.create({ title: 'tools' });
  app.service.define({
    conversationId: id,
    name: 'lookup',
    parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
    mock: { mode: 'ask' },
  });
  app.service.setTools({
    conversationId: id,
    enabled: ['lookup', ...(settings.enabled ?? ['calculator'])],
    toolChoice: { name: 'lookup' },
    maxDepth: settings.maxDepth ?? 3,
    timeoutMs: settings.timeoutMs ?? 10_000,
  });
  app.chat.send(id, 'Help me.');
  await expect
    .poll(() => app.callEvents().some((e) => e.call.status === 'awaiting-user'))
    .toBe(true);
  return { app, id };
}

const lookupCall = (app: App, id: string, q: string): ToolCallRecord => {
  const found = app.tools.calls
    .forConversation(id)
    .find((c) => c.name === 'lookup' && c.arguments?.q === q);
  if (!found) throw new Error(`no lookup call for ${q}`);
  return found;
};

describe('PausedCalls: answering a call asked before Talaria closed', () => {
  it('keeps the batch through a graceful close and resumes the loop with the answer', async () => {
    const dir = tempDir();
    const both = `${call('calculator', { expression: '6 * 7' })}\n${call('lookup', { q: 'tea' })}`;
    const { app, id } = await askedThenClosed(dir, both);
    await app.close();

    const next = openApp(dir, ['Tea: found 3. And 6 * 7 = 42.']);
    const [calc, lookup] = next.tools.calls.forConversation(id);
    expect(calc).toMatchObject({ name: 'calculator', status: 'done', resultMessageId: null });
    expect(calc?.result).toBe(
      '{"name": "calculator", "content": {"expression":"6 * 7","result":42}}',
    );
    expect(lookup).toMatchObject({ status: 'awaiting-user', arguments: { q: 'tea' } });
    expect(next.path(id).map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);

    const answered = next.paused.answer(lookup!, { q: 'coffee' }, '{"found": 3}');
    expect(answered).toMatchObject({
      status: 'done',
      arguments: { q: 'coffee' },
      result: '{"name": "lookup", "content": {"found": 3}}',
    });
    await next.chat.streamOf(id)?.done;
    const path = next.path(id);
    expect(path.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
    expect(path[2]?.content).toBe(calc?.result);
    expect(path[3]?.content).toBe('{"name": "lookup", "content": {"found": 3}}');
    expect(path[4]).toMatchObject({
      content: 'Tea: found 3. And 6 * 7 = 42.',
      status: 'complete',
    });
    const records = next.tools.calls.forConversation(id);
    expect(records.map((r) => r.resultMessageId)).toEqual([path[2]?.id, path[3]?.id]);
    // The model sees the whole tool turn, with the arguments the user chose, as if never closed.
    const prompt = next.prompts[0] ?? [];
    expect(prompt.slice(-3)).toEqual([
      {
        role: 'assistant',
        content: both,
        tool_calls: [
          {
            type: 'function',
            function: { name: 'calculator', arguments: { expression: '6 * 7' } },
          },
          { type: 'function', function: { name: 'lookup', arguments: { q: 'coffee' } } },
        ],
      },
      { role: 'tool', content: calc?.result },
      { role: 'tool', content: '{"name": "lookup", "content": {"found": 3}}' },
    ]);
    // The first step was forced; the resumed one runs as 'auto'.
    expect(next.options[0]?.tools?.choice).toBe('auto');
    // Clients see the answered call and the new messages on the new reply's stream.
    const done = next.events.find((e) => e.name === 'chat.done')
      ?.data as TalariaEvents['chat.done'];
    expect(done.message.id).toBe(path[4]?.id);
    expect(next.callEvents().find((e) => e.call.id === lookup?.id)?.streamId).toBe(done.streamId);
  });

  it('after a kill, a call still running becomes an error the model is told about', async () => {
    const dir = tempDir();
    const both = `${call('hang', {})}\n${call('lookup', { q: 'tea' })}`;
    const { app, id } = await askedThenClosed(dir, both, { enabled: ['hang'], timeoutMs: 60_000 });
    expect(app.tools.calls.forConversation(id).map((c) => c.status)).toEqual([
      'running',
      'awaiting-user',
    ]);
    // Killed: the first process never writes again; the next start sees the file as it is.
    const next = openApp(dir, ['Sorry, the hang tool broke.']);
    const [hang, lookup] = next.tools.calls.forConversation(id);
    expect(hang).toMatchObject({ status: 'error', error: INTERRUPTED_CALL });
    expect(lookup?.status).toBe('awaiting-user');
    next.paused.answer(lookup!, undefined, 'plain text');
    await next.chat.streamOf(id)?.done;
    const path = next.path(id);
    expect(path.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
    expect(path[2]?.content).toBe(
      "There was an error when executing the function: hang\nHere's the error traceback: " +
        `${INTERRUPTED_CALL}\nPlease call this function again with correct arguments within ` +
        'XML tags <tool_call></tool_call>',
    );
    expect(path[3]?.content).toBe('{"name": "lookup", "content": "plain text"}');
    expect(path[4]).toMatchObject({ content: 'Sorry, the hang tool broke.', status: 'complete' });
    expect(next.tools.calls.get(lookup!.id)?.arguments).toEqual({ q: 'tea' });
  });

  it('counts the resumed step towards maxDepth', async () => {
    const dir = tempDir();
    const { app, id } = await askedThenClosed(dir, call('lookup', { q: 'tea' }), { maxDepth: 2 });
    await app.close();
    const next = openApp(dir, [call('calculator', { expression: '1 + 1' }), 'never asked']);
    next.paused.answer(lookupCall(next, id, 'tea'), undefined, 'green');
    await next.chat.streamOf(id)?.done;
    expect(next.prompts).toHaveLength(1);
    const path = next.path(id);
    expect(path.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'tool']);
    expect(path[3]?.error).toBe(maxDepthNotice(2));
    expect(next.tools.calls.forMessages([path[3]!.id]).get(path[3]!.id)?.[0]?.depth).toBe(2);
  });

  it('at the maximum depth stores the answer and stops, as the live loop does', async () => {
    const dir = tempDir();
    const { app, id } = await askedThenClosed(dir, call('lookup', { q: 'tea' }), { maxDepth: 1 });
    await app.close();
    const next = openApp(dir, []);
    const lookup = lookupCall(next, id, 'tea');
    next.paused.answer(lookup, undefined, 'green');
    expect(next.chat.streamOf(id)).toBeNull();
    expect(next.prompts).toHaveLength(0);
    const path = next.path(id);
    expect(path.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(path[1]?.error).toBe(maxDepthNotice(1));
    expect(next.callEvents().at(-1)).toMatchObject({ streamId: '', call: { status: 'done' } });
  });

  it('waits for every call of the batch, and loses nothing when an answer is refused', async () => {
    const dir = tempDir();
    const two = `${call('lookup', { q: 'a' })}\n${call('lookup', { q: 'b' })}`;
    const { app, id } = await askedThenClosed(dir, two);
    await app.close();
    const next = openApp(dir, ['Both answered.']);
    const a = lookupCall(next, id, 'a');
    const b = lookupCall(next, id, 'b');
    expect(() => next.paused.answer(a, { q: 42 }, 'x')).toThrow(/"q" must be a string/);
    expect(next.tools.calls.get(a.id)?.status).toBe('awaiting-user');

    // The first answer is recorded; the other call still waits, so no reply starts yet.
    next.paused.answer(a, undefined, 'first');
    expect(next.chat.streamOf(id)).toBeNull();
    expect(next.path(id).map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(() => next.paused.answer(next.tools.calls.get(a.id)!, undefined, 'again')).toThrow(
      'That tool call is not waiting for an answer.',
    );

    // No model: the last answer would start the reply, so it is refused and the call waits on.
    const model = next.status.model;
    Object.assign(next.status, { model: null });
    expect(() => next.paused.answer(b, undefined, 'second')).toThrow(/No model is loaded/);
    expect(next.tools.calls.get(b.id)?.status).toBe('awaiting-user');
    Object.assign(next.status, { model });

    next.paused.answer(b, undefined, 'second');
    await next.chat.streamOf(id)?.done;
    const path = next.path(id);
    expect(path.map((m) => m.content)).toEqual([
      'Help me.',
      two,
      '{"name": "lookup", "content": "first"}',
      '{"name": "lookup", "content": "second"}',
      'Both answered.',
    ]);
  });
});

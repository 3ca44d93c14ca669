import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { createTalariaClient, type TalariaClient } from '../../../shared/contract/client';
import type { ToolCallRecord } from '../../../shared/contract/tools';
import { createWebSocketTransport, type WebSocketLike } from '../../../shared/rpc/transports';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';

// A call waiting for the user outlives the app: closed or killed, the next start shows it
// waiting, and answering it finishes the tool turn and lets the model write the next message.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(dataDir?: string): Promise<Harness> {
  const h = await startHarness('memory', { batchIntervalMs: 5, ...(dataDir && { dataDir }) });
  cleanups.push(() => h.close());
  return h;
}

/** A conversation whose reply is forced to call the 'ask' tool `lookup`; waits for the ask. */
async function askLookup(client: TalariaClient) {
  await client.request('engine.load', { path: await ensureTinyModel() });
  const { id } = await client.request('conversations.create', { title: 'tools' });
  await client.request('conversations.update', {
    id,
    sampling: { temperature: 0.8, seed: 7, maxTokens: 400 },
  });
  await client.request('tools.define', {
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
  await client.request('conversations.setTools', {
    conversationId: id,
    toolChoice: { name: 'lookup' },
    guaranteedArguments: true,
    maxDepth: 2,
  });
  const waiting = nextEvent(client, 'chat.toolCall', (e) => e.call.status === 'awaiting-user');
  await client.request('chat.send', { conversationId: id, content: 'Define tea.' });
  const { call } = await waiting;
  expect(call.name).toBe('lookup');
  return { id, call };
}

/** After the restart: the call still waits, and the answer resumes the reply. */
async function answerAfterRestart(h: Harness, id: string, asked: ToolCallRecord) {
  const { client } = h;
  const { calls } = await client.request('chat.toolCalls', { conversationId: id });
  expect(calls).toEqual([
    expect.objectContaining({ id: asked.id, status: 'awaiting-user', arguments: asked.arguments }),
  ]);
  const before = await client.request('conversations.get', { id });
  expect(before.messages.map((m) => [m.role, m.status])).toEqual([
    ['user', 'complete'],
    ['assistant', 'complete'],
  ]);
  expect(before.messages[1]?.toolCalls?.[0]?.status).toBe('awaiting-user');

  // Without a model the reply cannot go on: the answer is refused and the call keeps waiting.
  await expect(
    client.request('chat.resolveToolCall', { callId: asked.id, response: 'x' }),
  ).rejects.toMatchObject({ code: 'NO_MODEL_LOADED' });
  await client.request('engine.load', { path: await ensureTinyModel() });

  // The random model may ask again in the resumed step; such a later ask is answered too.
  const offAsk = client.on('chat.toolCall', ({ call }) => {
    if (call.status === 'awaiting-user' && call.id !== asked.id) {
      void client.request('chat.resolveToolCall', { callId: call.id, response: 'again' });
    }
  });
  const done = nextEvent(client, 'chat.done', (e) => e.conversationId === id, 60_000);
  const answered = await client.request('chat.resolveToolCall', {
    callId: asked.id,
    arguments: { word: 'tea' },
    response: 'A hot drink.',
  });
  expect(answered).toMatchObject({ status: 'done', arguments: { word: 'tea' } });
  await done;
  offAsk();

  const { messages } = await client.request('conversations.get', { id });
  const [, first, tool, next] = messages;
  expect(first?.toolCalls?.[0]).toMatchObject({
    status: 'done',
    arguments: { word: 'tea' },
    resultMessageId: tool?.id,
  });
  expect(tool).toMatchObject({
    role: 'tool',
    content: '{"name": "lookup", "content": "A hot drink."}',
  });
  expect(next).toMatchObject({ role: 'assistant', status: 'complete', error: null });
  // The model wrote it after the tool turn, with the edited arguments and the user's answer.
  const { prompt } = await client.request('chat.promptFor', { messageId: next?.id ?? '' });
  expect(prompt).toContain('<tool_call>\n{"name": "lookup", "arguments": {"word": "tea"}}');
  expect(prompt).toContain(
    '<tool_response>\n{"name": "lookup", "content": "A hot drink."}\n</tool_response>',
  );
  expect(prompt.endsWith('<|im_start|>assistant\n')).toBe(true);
}

/** Starts restartTestHost.ts in its own process; resolves with its address and engine pids. */
async function startHostProcess(dataDir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'restartTestHost.ts'), dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const enginePids: number[] = [];
  cleanups.push(() => stopAll(child, enginePids));
  const lines = createInterface({ input: child.stdout! });
  const address = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the host process exited (${code})`)));
    lines.on('line', (line) => {
      const data = JSON.parse(line) as { enginePid?: number; port?: number; token?: string };
      if (data.enginePid) enginePids.push(data.enginePid);
      if (data.port && data.token) resolve({ port: data.port, token: data.token });
    });
  });
  const socket = new WebSocket(`ws://127.0.0.1:${address.port}/rpc?token=${address.token}`);
  await new Promise<void>((ok, fail) => {
    socket.once('open', () => ok());
    socket.once('error', fail);
  });
  const client = createTalariaClient(createWebSocketTransport(socket as unknown as WebSocketLike));
  return { child, client, enginePids };
}

async function stopAll(child: ChildProcess, pids: number[]): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  // The engine leaves when its parent's channel closes; a straggler is not left running.
  const deadline = Date.now() + 10_000;
  for (const pid of pids) {
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("an 'ask' call survives a restart", () => {
  it('a graceful close keeps it waiting; answering after the restart resumes the reply', async () => {
    const first = await harness();
    const { id, call } = await askLookup(first.client);
    await first.close();
    const second = await harness(first.dataDir);
    cleanups.push(() => rmSync(first.dataDir, { recursive: true, force: true }));
    await answerAfterRestart(second, id, call);
  }, 120_000);

  it('a killed host keeps it waiting too', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-kill-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const host = await startHostProcess(dataDir);
    const { id, call } = await askLookup(host.client);
    host.client.close();
    // SIGKILL: no shutdown code runs; the next start finds the store as the kill left it.
    await stopAll(host.child, host.enginePids);
    expect(host.child.signalCode).toBe('SIGKILL');
    const next = await harness(dataDir);
    await answerAfterRestart(next, id, call);
  }, 120_000);
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { TalariaError } from '../contract/errors';
import { RpcClient } from './RpcClient';
import { RpcServer } from './RpcServer';
import {
  createMemoryTransportPair,
  createWebSocketTransport,
  type WebSocketLike,
} from './transports';
import type { MethodsOf } from './types';
import type { Transport } from './wire';

const schemas = {
  add: {
    params: z.object({ a: z.number(), b: z.number() }),
    result: z.object({ sum: z.number() }),
  },
  wait: { params: z.object({ ms: z.number() }), result: z.object({ aborted: z.boolean() }) },
  boom: { params: z.object({}), result: z.never() },
  coded: { params: z.object({}), result: z.never() },
};
type Methods = MethodsOf<typeof schemas>;
type Events = { tick: { n: number } };

/** The error a request failed with; fails the test if it succeeded. */
async function failure(promise: Promise<unknown>): Promise<TalariaError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof TalariaError))
    throw new Error(`expected a TalariaError, got ${String(outcome)}`);
  return outcome;
}

function makeServer(internal: unknown[] = []) {
  return new RpcServer<Methods, Events>({
    schemas,
    onInternalError: (_m, e) => internal.push(e),
    handlers: {
      add: async ({ a, b }) => ({ sum: a + b }),
      wait: ({ ms }, ctx) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve({ aborted: false }), ms);
          ctx.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve({ aborted: true });
          });
        }),
      boom: async () => {
        throw new Error('secret stack detail');
      },
      coded: async () => {
        throw new TalariaError('NOT_FOUND', 'No such thing.', { id: 'x' });
      },
    },
  });
}

type Pair = {
  server: RpcServer<Methods, Events>;
  client: RpcClient<Methods, Events>;
  internal: unknown[];
  cleanup: () => Promise<void>;
};

async function memoryPair(): Promise<Pair> {
  const internal: unknown[] = [];
  const server = makeServer(internal);
  const [a, b] = createMemoryTransportPair();
  server.attach(a);
  return {
    server,
    client: new RpcClient<Methods, Events>(b),
    internal,
    cleanup: async () => b.close(),
  };
}

async function wsPair(): Promise<Pair> {
  const internal: unknown[] = [];
  const server = makeServer(internal);
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) =>
    server.attach(createWebSocketTransport(ws as unknown as WebSocketLike)),
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as AddressInfo).port;
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((r) => socket.once('open', r));
  const transport: Transport = createWebSocketTransport(socket as unknown as WebSocketLike);
  return {
    server,
    client: new RpcClient<Methods, Events>(transport),
    internal,
    cleanup: async () => {
      transport.close();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
}

describe.each([
  ['memory', memoryPair],
  ['websocket', wsPair],
] as const)('RPC over %s', (_name, make) => {
  let pair: Pair;
  afterEach(async () => pair?.cleanup());

  it('answers typed requests', async () => {
    pair = await make();
    await expect(pair.client.request('add', { a: 2, b: 3 })).resolves.toEqual({ sum: 5 });
  });

  it('rejects invalid params with INVALID_INPUT naming the field', async () => {
    pair = await make();
    const error = await failure(pair.client.request('add', { a: 'x' as unknown as number, b: 1 }));
    expect(error).toBeInstanceOf(TalariaError);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^Invalid request to add: a:/);
  });

  it('answers unknown methods with UNKNOWN_METHOD', async () => {
    pair = await make();
    const loose = pair.client as unknown as RpcClient<
      { nope: { params: object; result: unknown } },
      Events
    >;
    const error = await failure(loose.request('nope', {}));
    expect(error.code).toBe('UNKNOWN_METHOD');
  });

  it('turns unexpected errors into INTERNAL without crashing the server', async () => {
    pair = await make();
    const error = await failure(pair.client.request('boom', {}));
    expect(error.code).toBe('INTERNAL');
    expect(pair.internal).toHaveLength(1);
    await expect(pair.client.request('add', { a: 1, b: 1 })).resolves.toEqual({ sum: 2 });
  });

  it('keeps coded errors with their details', async () => {
    pair = await make();
    const error = await failure(pair.client.request('coded', {}));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No such thing.',
      details: { id: 'x' },
    });
  });

  it('cancels a request through its AbortSignal', async () => {
    pair = await make();
    const controller = new AbortController();
    const pending = pair.client.request('wait', { ms: 5000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).resolves.toEqual({ aborted: true });
  });

  it('delivers events to subscribers', async () => {
    pair = await make();
    await pair.client.request('add', { a: 0, b: 0 });
    const got = new Promise((r) => pair.client.on('tick', r));
    pair.server.emit('tick', { n: 7 });
    await expect(got).resolves.toEqual({ n: 7 });
  });

  it('rejects pending requests when the connection closes', async () => {
    pair = await make();
    const pending = pair.client.request('wait', { ms: 5000 });
    pair.client.close();
    await expect(pending).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    await expect(pair.client.request('add', { a: 1, b: 2 })).rejects.toMatchObject({
      code: 'TRANSPORT_CLOSED',
    });
  });
});

describe('RpcServer robustness', () => {
  it('ignores malformed frames and keeps serving', async () => {
    const pair = await memoryPair();
    const [a, b] = createMemoryTransportPair();
    pair.server.attach(a);
    b.send({ t: 'req' } as never);
    b.send({ nonsense: true } as never);
    const client = new RpcClient<Methods, Events>(b);
    await expect(client.request('add', { a: 1, b: 2 })).resolves.toEqual({ sum: 3 });
    await pair.cleanup();
  });
});

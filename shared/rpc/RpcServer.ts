import { TalariaError, toErrorShape } from '../contract/errors';
import type { EventMap, Handlers, MethodMap, ParamSchemas } from './types';
import {
  PROTOCOL_VERSION,
  isWireMessage,
  type RequestMessage,
  type Transport,
  type WireMessage,
} from './wire';

export interface RpcServerOptions<M extends MethodMap> {
  handlers: Handlers<M>;
  schemas: ParamSchemas<M>;
  /** Called for errors that became INTERNAL, so the host can log them. */
  onInternalError?: (method: string, error: unknown) => void;
  /** Requests of one connection that run at once; more wait their turn (default 32). */
  maxConcurrentPerConnection?: number;
  /**
   * Requests of one connection waiting to run before the server stops reading it (default 256),
   * on transports that can push back. What one client can make the host hold stays bounded.
   */
  maxQueuedPerConnection?: number;
}

interface Connection {
  id: number;
  transport: Transport;
  inflight: Map<number, AbortController>;
  queue: RequestMessage[];
  running: number;
  readingPaused: boolean;
  pumpScheduled: boolean;
}

/**
 * Dispatches requests from any number of transports to typed handlers. Params are validated
 * before a handler runs; every failure is answered with a coded error, never a crash.
 *
 * Each connection runs a bounded number of requests at once, and none while its transport
 * reports a full send buffer: a client that floods requests and does not read the answers
 * makes its own requests wait (and, past a bound, stops being read), not the host's memory grow.
 */
export class RpcServer<M extends MethodMap, E extends EventMap> {
  private readonly connections = new Map<number, Connection>();
  private nextConnectionId = 1;

  constructor(private readonly options: RpcServerOptions<M>) {}

  /** Serves one transport until it closes. Returns a detach function. */
  attach(transport: Transport): () => void {
    const connection: Connection = {
      id: this.nextConnectionId++,
      transport,
      inflight: new Map(),
      queue: [],
      running: 0,
      readingPaused: false,
      pumpScheduled: false,
    };
    this.connections.set(connection.id, connection);
    const offMessage = transport.onMessage((message) => this.receive(connection, message));
    const offDrain = transport.flow?.onDrain(() => this.pump(connection));
    const detach = (): void => {
      offMessage();
      offClose();
      offDrain?.();
      for (const controller of connection.inflight.values()) controller.abort();
      connection.inflight.clear();
      connection.queue = [];
      this.connections.delete(connection.id);
    };
    const offClose = transport.onClose(detach);
    transport.send({ t: 'hello', version: PROTOCOL_VERSION });
    return detach;
  }

  /** Sends an event to every attached connection. */
  emit<K extends keyof E & string>(name: K, data: E[K]): void {
    for (const connection of this.connections.values()) {
      this.safeSend(connection, { t: 'evt', name, data });
    }
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  private receive(connection: Connection, message: WireMessage): void {
    if (!isWireMessage(message)) return;
    if (message.t === 'cancel') {
      connection.inflight.get(message.id)?.abort();
      const queued = connection.queue.findIndex((m) => m.id === message.id);
      if (queued >= 0) {
        connection.queue.splice(queued, 1);
        const error = new TalariaError('ABORTED', 'Cancelled before it started.');
        this.safeSend(connection, { t: 'res', id: message.id, ok: false, error: error.toJSON() });
      }
      return;
    }
    if (message.t !== 'req') return;
    connection.queue.push(message);
    const flow = connection.transport.flow;
    if (flow && !connection.readingPaused && connection.queue.length >= this.maxQueued) {
      connection.readingPaused = true;
      flow.pauseReading();
    }
    this.pump(connection);
  }

  private get maxQueued(): number {
    return this.options.maxQueuedPerConnection ?? 256;
  }

  /**
   * Starts queued requests while the connection has room and its peer keeps reading. One per
   * turn of the event loop: most handlers answer synchronously (SQLite), so by the next turn
   * their answer is in the send buffer and `congested()` tells the truth about it.
   */
  private pump(connection: Connection): void {
    const limit = this.options.maxConcurrentPerConnection ?? 32;
    const flow = connection.transport.flow;
    const canStart = (): boolean =>
      connection.running < limit && connection.queue.length > 0 && !flow?.congested();
    if (canStart()) {
      const next = connection.queue.shift()!;
      connection.running++;
      void this.dispatch(connection, next.id, next.method, next.params).finally(() => {
        connection.running--;
        if (this.connections.has(connection.id)) this.pump(connection);
      });
    }
    if (flow && connection.readingPaused && connection.queue.length <= this.maxQueued / 2) {
      connection.readingPaused = false;
      flow.resumeReading();
    }
    if (canStart() && !connection.pumpScheduled) {
      connection.pumpScheduled = true;
      setTimeout(() => {
        connection.pumpScheduled = false;
        if (this.connections.has(connection.id)) this.pump(connection);
      }, 0);
    }
  }

  private async dispatch(
    connection: Connection,
    id: number,
    method: string,
    params: unknown,
  ): Promise<void> {
    const controller = new AbortController();
    connection.inflight.set(id, controller);
    try {
      const result = await this.invoke(method, params, {
        signal: controller.signal,
        connectionId: connection.id,
      });
      this.safeSend(connection, { t: 'res', id, ok: true, result: result ?? null });
    } catch (error) {
      const shape = toErrorShape(error);
      if (shape.code === 'INTERNAL') this.options.onInternalError?.(method, error);
      this.safeSend(connection, { t: 'res', id, ok: false, error: shape });
    } finally {
      connection.inflight.delete(id);
    }
  }

  private async invoke(
    method: string,
    params: unknown,
    ctx: { signal: AbortSignal; connectionId: number },
  ): Promise<unknown> {
    if (!Object.hasOwn(this.options.handlers, method)) {
      throw new TalariaError('UNKNOWN_METHOD', `Unknown method "${method}".`);
    }
    const key = method as keyof M;
    const parsed = this.options.schemas[key].params.safeParse(params ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (i) => `${i.path.length ? i.path.join('.') : 'params'}: ${i.message}`,
      );
      throw new TalariaError(
        'INVALID_INPUT',
        `Invalid request to ${method}: ${issues.join('; ')}`,
        {
          issues,
        },
      );
    }
    return this.options.handlers[key](parsed.data, ctx);
  }

  private safeSend(connection: Connection, message: WireMessage): void {
    try {
      connection.transport.send(message);
    } catch {
      // A transport that died mid-send is reported through its onClose; nothing to answer.
    }
  }
}

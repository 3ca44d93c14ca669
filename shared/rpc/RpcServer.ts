import { TalariaError, toErrorShape } from '../contract/errors';
import type { EventMap, Handlers, MethodMap, ParamSchemas } from './types';
import { PROTOCOL_VERSION, isWireMessage, type Transport, type WireMessage } from './wire';

export interface RpcServerOptions<M extends MethodMap> {
  handlers: Handlers<M>;
  schemas: ParamSchemas<M>;
  /** Called for errors that became INTERNAL, so the host can log them. */
  onInternalError?: (method: string, error: unknown) => void;
}

interface Connection {
  id: number;
  transport: Transport;
  inflight: Map<number, AbortController>;
}

/**
 * Dispatches requests from any number of transports to typed handlers. Params are validated
 * before a handler runs; every failure is answered with a coded error, never a crash.
 */
export class RpcServer<M extends MethodMap, E extends EventMap> {
  private readonly connections = new Map<number, Connection>();
  private nextConnectionId = 1;

  constructor(private readonly options: RpcServerOptions<M>) {}

  /** Serves one transport until it closes. Returns a detach function. */
  attach(transport: Transport): () => void {
    const connection: Connection = { id: this.nextConnectionId++, transport, inflight: new Map() };
    this.connections.set(connection.id, connection);
    const offMessage = transport.onMessage((message) => this.receive(connection, message));
    const detach = (): void => {
      offMessage();
      offClose();
      for (const controller of connection.inflight.values()) controller.abort();
      connection.inflight.clear();
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
      return;
    }
    if (message.t === 'req')
      void this.dispatch(connection, message.id, message.method, message.params);
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
    const parsed = this.options.schemas[key].safeParse(params ?? {});
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

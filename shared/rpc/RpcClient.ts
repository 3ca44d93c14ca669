import { TalariaError } from '../contract/errors';
import type { EventMap, MethodMap } from './types';
import { PROTOCOL_VERSION, isWireMessage, type Transport, type WireMessage } from './wire';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: TalariaError) => void;
  cleanup: () => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Typed client side of the contract over any transport. */
export class RpcClient<M extends MethodMap, E extends EventMap> {
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(data: never) => void>>();
  private readonly closeListeners = new Set<() => void>();
  private nextId = 1;
  private closed = false;
  private readonly offMessage: () => void;
  private readonly offClose: () => void;
  private serverVersion: number | null = null;

  constructor(private readonly transport: Transport) {
    this.offMessage = transport.onMessage((m) => this.receive(m));
    this.offClose = transport.onClose(() => this.handleClose());
  }

  /** Calls a method; rejects with a TalariaError carrying the server's code. */
  request<K extends keyof M & string>(
    method: K,
    params: M[K]['params'],
    options: RequestOptions = {},
  ): Promise<M[K]['result']> {
    if (this.closed) {
      return Promise.reject(new TalariaError('TRANSPORT_CLOSED', 'The connection is closed.'));
    }
    const id = this.nextId++;
    return new Promise<M[K]['result']>((resolve, reject) => {
      const onAbort = (): void => this.transport.send({ t: 'cancel', id });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
      });
      try {
        this.transport.send({ t: 'req', id, method, params });
      } catch (error) {
        this.settle(id);
        reject(new TalariaError('TRANSPORT_CLOSED', `Could not send ${method}: ${String(error)}`));
      }
    });
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof E & string>(name: K, listener: (data: E[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as (data: never) => void);
    return () => set.delete(listener as (data: never) => void);
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** The protocol version the server announced, once its hello arrived. */
  get remoteVersion(): number | null {
    return this.serverVersion;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.transport.close();
    this.handleClose();
  }

  private receive(message: WireMessage): void {
    if (!isWireMessage(message)) return;
    switch (message.t) {
      case 'hello':
        this.serverVersion = message.version;
        if (message.version !== PROTOCOL_VERSION) {
          this.failAll(
            new TalariaError(
              'VERSION_MISMATCH',
              `Server speaks protocol ${message.version}, this client ${PROTOCOL_VERSION}.`,
            ),
          );
        }
        return;
      case 'res': {
        const pending = this.settle(message.id);
        if (!pending) return;
        if (message.ok) pending.resolve(message.result);
        else pending.reject(TalariaError.from(message.error));
        return;
      }
      case 'evt': {
        const set = this.listeners.get(message.name);
        if (!set) return;
        for (const listener of [...set]) {
          try {
            (listener as (data: unknown) => void)(message.data);
          } catch (error) {
            console.error(`Listener for ${message.name} failed`, error);
          }
        }
        return;
      }
      default:
        return;
    }
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    pending.cleanup();
    return pending;
  }

  private failAll(error: TalariaError): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.offMessage();
    this.offClose();
    this.failAll(
      new TalariaError('TRANSPORT_CLOSED', 'The connection closed before an answer came.'),
    );
    for (const listener of [...this.closeListeners]) listener();
  }
}

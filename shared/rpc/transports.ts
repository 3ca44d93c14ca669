import { isWireMessage, type Transport, type WireMessage } from './wire';

type Listener<T> = (value: T) => void;

/** Small listener registry shared by the transports below. */
export class ListenerSet<T> {
  private readonly listeners = new Set<Listener<T>>();

  add(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * A transport over a "post a JSON value / receive JSON values" port. Covers child_process.fork,
 * Electron utilityProcess and parentPort, and Electron IPC: each supplies the three hooks.
 */
export interface PortHooks {
  post(value: unknown): void;
  subscribe(listener: (value: unknown) => void): () => void;
  /** Optional: subscribe to the port closing. */
  subscribeClose?(listener: () => void): () => void;
  /** Optional: close the underlying port. */
  close?(): void;
}

export function createPortTransport(hooks: PortHooks): Transport {
  const messages = new ListenerSet<WireMessage>();
  const closes = new ListenerSet<void>();
  let closed = false;
  const markClosed = (): void => {
    if (closed) return;
    closed = true;
    offData();
    offClose?.();
    closes.emit();
    messages.clear();
    closes.clear();
  };
  const offData = hooks.subscribe((value) => {
    if (!closed && isWireMessage(value)) messages.emit(value);
  });
  const offClose = hooks.subscribeClose?.(markClosed);
  return {
    send(message) {
      if (closed) throw new Error('transport closed');
      hooks.post(message);
    },
    onMessage: (listener) => messages.add(listener),
    onClose: (listener) => closes.add(listener),
    close() {
      hooks.close?.();
      markClosed();
    },
  };
}

/**
 * Two connected in-memory transports. Messages go through JSON so that a test over memory
 * catches anything that would not survive a real wire; delivery is asynchronous like a real one.
 */
export function createMemoryTransportPair(): [Transport, Transport] {
  const a = new ListenerSet<unknown>();
  const b = new ListenerSet<unknown>();
  const closeA = new ListenerSet<void>();
  const closeB = new ListenerSet<void>();
  let open = true;
  const closeBoth = (): void => {
    if (!open) return;
    open = false;
    queueMicrotask(() => {
      closeA.emit();
      closeB.emit();
    });
  };
  const side = (
    inbox: ListenerSet<unknown>,
    outbox: ListenerSet<unknown>,
    closeSet: ListenerSet<void>,
  ): Transport =>
    createPortTransport({
      post: (value) => {
        const copy: unknown = JSON.parse(JSON.stringify(value));
        queueMicrotask(() => {
          if (open) outbox.emit(copy);
        });
      },
      subscribe: (listener) => inbox.add(listener),
      subscribeClose: (listener) => closeSet.add(listener),
      close: closeBoth,
    });
  return [side(a, b, closeA), side(b, a, closeB)];
}

/** The part of the WebSocket API shared by browsers and the `ws` package. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'close', listener: () => void): void;
}

const WS_OPEN = 1;

/** A transport over an open WebSocket (browser or `ws`); frames are JSON text. */
export function createWebSocketTransport(socket: WebSocketLike): Transport {
  return createPortTransport({
    post: (value) => {
      if (socket.readyState !== WS_OPEN) throw new Error('socket not open');
      socket.send(JSON.stringify(value));
    },
    subscribe: (listener) => {
      const onMessage = (event: { data: unknown }): void => {
        if (typeof event.data !== 'string') return;
        let value: unknown;
        try {
          value = JSON.parse(event.data);
        } catch {
          return;
        }
        listener(value);
      };
      socket.addEventListener('message', onMessage);
      return () => socket.removeEventListener('message', onMessage);
    },
    subscribeClose: (listener) => {
      socket.addEventListener('close', listener);
      return () => socket.removeEventListener('close', listener);
    },
    close: () => socket.close(1000, 'client closed'),
  });
}

import { createTalariaClient, type TalariaClient } from '../../../shared/contract/client';
import { createPortTransport, createWebSocketTransport } from '../../../shared/rpc/transports';

/** What the Electron preload exposes on `window.talaria`: one send/onMessage pair. */
export interface TalariaBridge {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

declare global {
  interface Window {
    talaria?: TalariaBridge;
  }
}

/** Picks the transport at start-up: Electron IPC when the preload bridge exists, else WebSocket. */
export async function connect(): Promise<TalariaClient> {
  const bridge = window.talaria;
  if (bridge) {
    return createTalariaClient(
      createPortTransport({ post: (m) => bridge.send(m), subscribe: (l) => bridge.onMessage(l) }),
    );
  }
  // The host's sign-in link already swapped its one-time ticket for an HttpOnly session
  // cookie, which the browser sends with this upgrade; page script never holds a secret.
  const wsUrl = new URL('/rpc', window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'close',
      () =>
        reject(
          new Error(
            'Could not connect to the Talaria host. Open the sign-in link `talaria serve` printed ' +
              '(each link works once; the host prints a fresh one when a used link is opened).',
          ),
        ),
      { once: true },
    );
  });
  return createTalariaClient(createWebSocketTransport(socket));
}

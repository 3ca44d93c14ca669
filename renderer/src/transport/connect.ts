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

const TOKEN_KEY = 'talaria.token';

/**
 * The headless host prints a URL with a per-run secret (`?token=`). Keep it for reloads in
 * sessionStorage and take it out of the address bar so it is not shared by accident.
 */
export function takeHostToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Picks the transport at start-up: Electron IPC when the preload bridge exists, else WebSocket. */
export async function connect(): Promise<TalariaClient> {
  const bridge = window.talaria;
  if (bridge) {
    return createTalariaClient(
      createPortTransport({ post: (m) => bridge.send(m), subscribe: (l) => bridge.onMessage(l) }),
    );
  }
  const token = takeHostToken();
  if (!token) {
    throw new Error(
      'This page needs the address printed by `talaria serve` (it carries a secret token).',
    );
  }
  const wsUrl = new URL('/rpc', window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  wsUrl.searchParams.set('token', token);
  const socket = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'close',
      () => reject(new Error('Could not connect to the Talaria host (wrong or expired token?).')),
      { once: true },
    );
  });
  return createTalariaClient(createWebSocketTransport(socket));
}

import { WebSocket } from 'ws';
import { createTalariaClient, type TalariaClient } from '../../shared/contract/client';
import { createWebSocketTransport, type WebSocketLike } from '../../shared/rpc/transports';
import type { RunningHost } from './hostProcess';

/** A WebSocket client of the host, for seeding and checking data the way the UI would. */
export async function apiClient(host: RunningHost): Promise<TalariaClient> {
  const url = new URL(host.url);
  const socket = new WebSocket(`ws://${url.host}/rpc`, {
    headers: { Authorization: `Bearer ${host.token}` },
  });
  await new Promise<void>((ok, fail) => {
    socket.once('open', () => ok());
    socket.once('error', fail);
  });
  return createTalariaClient(createWebSocketTransport(socket as unknown as WebSocketLike));
}

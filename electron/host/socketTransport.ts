import { WebSocket, type RawData } from 'ws';
import { ListenerSet, createPortTransport } from '../../shared/rpc/transports';
import type { Transport } from '../../shared/rpc/wire';

export interface SocketLimits {
  /** Unsent bytes above which the server starts no new work for this client. */
  highWaterBytes: number;
  /**
   * Unsent bytes one client may have waiting at most: past it the client is not reading at
   * all (events keep coming while requests wait), so it is closed with 1008.
   */
  maxUnsentBytes: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  highWaterBytes: 8 * 1024 * 1024,
  maxUnsentBytes: 256 * 1024 * 1024,
};

/**
 * The host side of one client's WebSocket, with flow control: it counts the bytes handed to
 * the socket until the kernel has taken them, says when that is over the mark, and pauses or
 * resumes reading the client for the RPC server.
 */
export function createServerSocketTransport(
  socket: WebSocket,
  limits: SocketLimits = DEFAULT_SOCKET_LIMITS,
): Transport {
  const drains = new ListenerSet<void>();
  let unsent = 0;
  // ws closes the connection with the code RFC 6455 asks for (1002, 1007, 1009) and then emits
  // 'error'; without a listener that error would take the whole process down.
  socket.on('error', () => undefined);
  const transport = createPortTransport({
    post: (value) => {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('socket not open');
      const text = JSON.stringify(value);
      const bytes = Buffer.byteLength(text);
      if (unsent + bytes > limits.maxUnsentBytes) {
        socket.close(1008, 'too much unread data');
        throw new Error('client is not reading');
      }
      unsent += bytes;
      socket.send(text, () => {
        const wasCongested = unsent > limits.highWaterBytes;
        unsent -= bytes;
        if (wasCongested && unsent <= limits.highWaterBytes) drains.emit();
      });
    },
    subscribe: (listener) => {
      const onMessage = (data: RawData, isBinary: boolean): void => {
        if (isBinary) return;
        let value: unknown;
        try {
          value = JSON.parse(rawText(data));
        } catch {
          return;
        }
        listener(value);
      };
      socket.on('message', onMessage);
      return () => socket.off('message', onMessage);
    },
    subscribeClose: (listener) => {
      socket.on('close', listener);
      return () => socket.off('close', listener);
    },
    close: () => socket.close(1000, 'server closed'),
  });
  transport.flow = {
    congested: () => unsent > limits.highWaterBytes,
    onDrain: (listener) => drains.add(listener),
    pauseReading: () => socket.pause(),
    resumeReading: () => socket.resume(),
  };
  return transport;
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

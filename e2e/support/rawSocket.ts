import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A raw TCP connection to the host, for the things no well-behaved WebSocket client sends. */
export interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): Buffer;
  /** Resolves when the server closed or reset the connection. */
  closed: Promise<void>;
}

export async function rawConnect(port: number): Promise<RawConnection> {
  const socket = connect({ host: '127.0.0.1', port });
  let data = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
  // A reset from the host (or ourselves) is an expected outcome here, not a test failure.
  socket.on('error', () => undefined);
  const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('error', fail);
  });
  return { socket, received: () => data, closed };
}

export function upgradeRequest(
  port: number,
  options: { path?: string; host?: string; headers?: Record<string, string> } = {},
): string {
  const lines = [
    `GET ${options.path ?? '/rpc'} HTTP/1.1`,
    `Host: ${options.host ?? `127.0.0.1:${port}`}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Waits until the HTTP response head arrived; returns its status code. */
export async function responseStatus(
  connection: RawConnection,
  timeoutMs = 5_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const text = connection.received().toString('latin1');
    const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
    if (match?.[1] && text.includes('\r\n\r\n')) return Number(match[1]);
    if (Date.now() - started > timeoutMs) throw new Error(`no response head: ${text}`);
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

/** An authorised, upgraded raw connection (after the 101 and the server's hello). */
export async function rawWebSocket(port: number, token: string): Promise<RawConnection> {
  const connection = await rawConnect(port);
  connection.socket.write(upgradeRequest(port, { headers: { Authorization: `Bearer ${token}` } }));
  const status = await responseStatus(connection);
  if (status !== 101) throw new Error(`upgrade refused with ${status}`);
  return connection;
}

export interface FrameOptions {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  masked?: boolean;
  /** Overrides the declared payload length (to lie about it). */
  declaredLength?: bigint;
}

/** Encodes one client frame, as RFC 6455 §5.2 lays it out, or deliberately not. */
export function frame(payload: Buffer, options: FrameOptions): Buffer {
  const { fin = true, rsv = 0, opcode, masked = true } = options;
  const length = options.declaredLength ?? BigInt(payload.length);
  const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const mask = masked ? 0x80 : 0;
  if (length < 126n) head.push(mask | Number(length));
  else if (length < 65536n)
    head.push(mask | 126, Number(length >> 8n) & 0xff, Number(length) & 0xff);
  else {
    head.push(mask | 127);
    for (let shift = 56n; shift >= 0n; shift -= 8n) head.push(Number((length >> shift) & 0xffn));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), key, body]);
}

/** The code of the first close frame the server sent after the handshake, or null. */
export function serverCloseCode(received: Buffer): number | null {
  const headEnd = received.indexOf('\r\n\r\n');
  let at = headEnd < 0 ? received.length : headEnd + 4;
  while (at + 2 <= received.length) {
    const opcode = received[at]! & 0x0f;
    let length = received[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = received.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(received.readBigUInt64BE(offset));
      offset += 8;
    }
    if (opcode === 0x8) return length >= 2 ? received.readUInt16BE(offset) : 1005;
    at = offset + length;
  }
  return null;
}

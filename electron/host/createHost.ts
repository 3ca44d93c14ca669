import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createWebSocketTransport, type WebSocketLike } from '../../shared/rpc/transports';
import type { Backend } from '../backend/createBackend';
import { SECURITY_HEADERS, serveStatic } from './staticFiles';

export interface HostOptions {
  backend: Backend;
  /** Folder of the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed secret for tests; random per run otherwise. */
  token?: string;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * The headless transport: HTTP for the renderer and a WebSocket for the contract, on loopback
 * only. The WebSocket requires the per-run token and a same-origin Origin (when a browser sends
 * one), and the Host header must name this server, so neither another local page nor a
 * DNS-rebinding site can drive it.
 */
export async function createHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 });
  let port = 0;
  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`];

  server.on('request', (request, response) => {
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      response.writeHead(421, SECURITY_HEADERS).end('Misdirected request');
      return;
    }
    void serveStatic(options.rendererDir, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, SECURITY_HEADERS);
      response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(request, token, allowedHosts());
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      options.backend.server.attach(createWebSocketTransport(ws as unknown as WebSocketLike));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function checkUpgrade(request: IncomingMessage, token: string, hosts: string[]): string | null {
  const url = new URL(request.url ?? '/', 'http://local');
  if (url.pathname !== '/rpc') return '404 Not Found';
  if (!hosts.includes(request.headers.host ?? '')) return '421 Misdirected Request';
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return '403 Forbidden';
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return '401 Unauthorized';
  }
  return null;
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Backend } from '../backend/createBackend';
import { HostAuth, resolveHostToken } from './hostAuth';
import { createServerSocketTransport, type SocketLimits } from './socketTransport';
import { SECURITY_HEADERS, serveStatic } from './staticFiles';

export interface HostOptions {
  backend: Backend;
  /** Folder of the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * The secret scripts present (`Authorization: Bearer`); random per run when absent. A given
   * one weaker than 128 bits (or empty) is refused with a WeakTokenError.
   */
  token?: string;
  /** Told a fresh sign-in link when someone opened a spent one (the CLI prints it). */
  onSignInLink?: (url: string) => void;
  /** Flow-control limits of each client's socket (tests lower them). */
  socketLimits?: SocketLimits;
}

export interface Host {
  /** The sign-in link: its one-time ticket becomes a session cookie on first use. */
  url: string;
  port: number;
  /** The host secret for scripts and tests (never put in a browser URL). */
  token: string;
  /** A fresh one-time sign-in link (a spent one is dead). */
  signInUrl(): string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * The headless transport: HTTP for the renderer and a WebSocket for the contract, on loopback
 * only. The WebSocket requires the host secret or a session cookie and a same-origin Origin
 * (when a browser sends one), and the Host header must name this server, so neither another
 * local page nor a DNS-rebinding site can drive it. Every socket has an error listener: a
 * client that resets its connection or sends a malformed frame loses that connection, never
 * the host.
 */
export async function createHost(options: HostOptions): Promise<Host> {
  const token = resolveHostToken(options.token);
  const server: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 });
  let port = 0;
  let auth: HostAuth | null = null;
  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`];
  const signInUrl = (): string => `http://${HOST}:${port}/?token=${auth!.currentTicket()}`;

  server.on('request', (request, response) => {
    if (!allowedHosts().includes(request.headers.host ?? '') || !auth) {
      response.writeHead(421, SECURITY_HEADERS).end('Misdirected request');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://local');
    const ticket = url.searchParams.get('token');
    if (ticket !== null) {
      signIn(auth, ticket, request, response, () => options.onSignInLink?.(signInUrl()));
      return;
    }
    void serveStatic(options.rendererDir, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, SECURITY_HEADERS);
      response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's HTTP server drops its own error listener once a request asks for an upgrade.
    socket.on('error', () => socket.destroy());
    const refusal = auth ? checkUpgrade(request, auth, allowedHosts()) : '503 Service Unavailable';
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      options.backend.server.attach(createServerSocketTransport(ws, options.socketLimits));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Cookies ignore ports: one cookie name per port keeps two hosts' sessions apart.
  auth = new HostAuth(token, `talaria_session_${port}`);

  return {
    url: signInUrl(),
    port,
    token,
    signInUrl,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** Spends a sign-in ticket for a session cookie and moves the page to a token-free address. */
function signIn(
  auth: HostAuth,
  ticket: string,
  request: IncomingMessage,
  response: ServerResponse,
  onSpentTicket: () => void,
): void {
  const session = auth.exchange(ticket);
  const redirect = { ...SECURITY_HEADERS, Location: '/', 'Cache-Control': 'no-store' };
  if (session) {
    response.writeHead(303, { ...redirect, 'Set-Cookie': auth.sessionCookie(session) }).end();
  } else if (auth.hasSession(request)) {
    response.writeHead(303, redirect).end();
  } else {
    onSpentTicket();
    response
      .writeHead(401, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      .end(
        'This sign-in link has already been used (each works once). ' +
          'Talaria printed a fresh one in the terminal where `talaria serve` runs.\n',
      );
  }
}

function checkUpgrade(request: IncomingMessage, auth: HostAuth, hosts: string[]): string | null {
  const url = new URL(request.url ?? '/', 'http://local');
  if (url.pathname !== '/rpc') return '404 Not Found';
  if (!hosts.includes(request.headers.host ?? '')) return '421 Misdirected Request';
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return '403 Forbidden';
  if (!auth.allowsUpgrade(request, url)) return '401 Unauthorized';
  return null;
}

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHarness, type Harness } from '../testing/backendHarness';

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (ok, fail) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', fail);
      req.end();
    },
  );
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it was accepted. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((ok) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      ok(101);
    });
    ws.once('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
    ws.once('error', () => ok(-1));
  });
}

describe('headless host security', () => {
  let h: Harness;
  let port: number;
  let token: string;
  beforeAll(async () => {
    h = await startHarness('websocket');
    port = h.host!.port;
    token = h.host!.token;
  });
  afterAll(async () => h?.close({ removeData: true }));

  it('listens on loopback only and prints a sign-in URL whose ticket is not the host secret', () => {
    expect(h.host!.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[\\w-]{32}$`));
    expect(h.host!.url).not.toContain(token);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('swaps the ticket once for an HttpOnly SameSite=Strict cookie that opens the WebSocket', async () => {
    const ticket = new URL(h.host!.signInUrl()).search;
    const first = await get(port, `/${ticket}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/rpc`, { Cookie: session })).toBe(101);
    // Spent: without the cookie it opens nothing; with it, it only moves to the clean URL.
    expect((await get(port, `/${ticket}`)).status).toBe(401);
    expect((await get(port, `/${ticket}`, { Cookie: session })).status).toBe(303);
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/rpc${ticket}`)).toBe(401);
    expect(
      await upgradeStatus(`ws://127.0.0.1:${port}/rpc`, { Cookie: 'talaria_session_1=x' }),
    ).toBe(401);
    expect(
      await upgradeStatus(`ws://127.0.0.1:${port}/rpc`, { Authorization: `Bearer ${token}` }),
    ).toBe(101);
  });

  it('serves the renderer with a CSP and no CORS headers', async () => {
    const res = await get(port, '/', { Origin: 'http://evil.example' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Talaria</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(Object.keys(res.headers).some((k) => k.startsWith('access-control-'))).toBe(false);
  });

  it('refuses path traversal and unknown files', async () => {
    expect((await get(port, '/../../package.json')).status).not.toBe(200);
    expect((await get(port, '/%2e%2e/%2e%2e/package.json')).status).not.toBe(200);
    expect((await get(port, '/..%2f..%2fetc%2fpasswd')).status).toBe(403);
    expect((await get(port, '/nope.js')).status).toBe(404);
  });

  it('refuses requests whose Host header names another site (DNS rebinding)', async () => {
    expect((await get(port, '/', { Host: `evil.example:${port}` })).status).toBe(421);
  });

  it('requires the token, a same-origin Origin and the right Host for the WebSocket', async () => {
    const base = `ws://127.0.0.1:${port}/rpc`;
    expect(await upgradeStatus(base)).toBe(401);
    expect(await upgradeStatus(`${base}?token=wrong`)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${token}`, { Origin: 'http://localhost:9999' })).toBe(
      403,
    );
    expect(await upgradeStatus(`${base}?token=${token}`, { Origin: 'null' })).toBe(403);
    expect(await upgradeStatus(`${base}?token=${token}`, { Host: 'evil.example' })).toBe(421);
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/other?token=${token}`)).toBe(404);
    expect(
      await upgradeStatus(`${base}?token=${token}`, { Origin: `http://127.0.0.1:${port}` }),
    ).toBe(101);
    expect(await upgradeStatus(`${base}?token=${token}`)).toBe(101);
  });
});

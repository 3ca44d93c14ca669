import { connect, type Socket } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, TINY_ID, type ApiHarness } from './apiTestSupport';

const KEY = 'test-key-0123456789abcdef';
let t: ApiHarness;
let port = 0;

beforeAll(async () => {
  t = await startApiHarness({
    apiKey: KEY,
    corsOrigins: ['http://allowed.example'],
    maxBodyBytes: 64 * 1024,
  });
  port = Number(new URL(t.url).port);
});
afterAll(async () => {
  await t?.close();
});

const auth = { Authorization: `Bearer ${KEY}` };

/** Writes raw bytes and collects the reply until the server closes or `until` matches. */
function raw(bytes: string | Buffer, until?: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply; got ${JSON.stringify(data.slice(0, 200))}`));
    }, timeoutMs);
    socket.on('data', (d) => {
      data += d.toString();
      if (until?.test(data)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(data);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

async function healthy(): Promise<void> {
  const response = await fetch(`${t.url}/health`, { headers: auth });
  expect(response.status).toBe(200);
}

describe('the API key', () => {
  it('is required, and a wrong one is refused as the SDK expects', async () => {
    const none = await fetch(`${t.url}/models`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
    const wrong = new OpenAI({ baseURL: t.url, apiKey: `${KEY}x`, maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const right = new OpenAI({ baseURL: t.url, apiKey: KEY, maxRetries: 0 });
    expect((await right.models.list()).data.map((m) => m.id)).toContain(TINY_ID);
  });

  it('cannot be skipped beyond loopback: the server refuses to start without one', async () => {
    await expect(t.harness.backend.startApi({ host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /without an API key/,
    );
  });
});

describe('browsers', () => {
  it('get no CORS headers unless their origin is listed, and unlisted pages are refused', async () => {
    const plain = await fetch(`${t.url}/models`, { headers: auth });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const foreign = await fetch(`${t.url}/models`, {
      headers: { ...auth, Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const listed = await fetch(`${t.url}/models`, {
      headers: { ...auth, Origin: 'http://allowed.example' },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
    const preflight = await fetch(`${t.url}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://allowed.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type',
    );
  });

  it('cannot reach it through a rebound domain name', async () => {
    const reply = await raw(
      `GET /v1/models HTTP/1.1\r\nHost: evil.example:${port}\r\nAuthorization: Bearer ${KEY}\r\nConnection: close\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 421/);
  });
});

describe('hostile clients never take the server down', () => {
  it('malformed JSON, empty bodies and non-objects get 400s', async () => {
    const post = (body: string) =>
      fetch(`${t.url}/chat/completions`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body,
      });
    const broken = await post('{"model": "x", "messages": [');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    expect((await post('')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
    const badField = await post(JSON.stringify({ model: TINY_ID, messages: 'hi' }));
    expect(badField.status).toBe(400);
    expect(((await badField.json()) as { error: { param: string } }).error.param).toBe('messages');
    await healthy();
  });

  it('a body over the limit is refused without being read', async () => {
    const declared = await raw(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{"model":`,
      /\r\n\r\n\{.*\}$/s,
    );
    expect(declared).toMatch(/^HTTP\/1\.1 413/);
    const chunked = await fetch(`${t.url}/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        model: TINY_ID,
        messages: [{ role: 'user', content: 'x'.repeat(200_000) }],
      }),
    });
    expect(chunked.status).toBe(413);
    await healthy();
  });

  it('garbage on the wire gets a 400 and the server carries on', async () => {
    const reply = await raw('\x16\x03\x01\x00\xa5 NOT HTTP AT ALL\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await healthy();
  });

  it('a slow client does not hold up anyone else', async () => {
    const slow: Socket = connect(port, '127.0.0.1');
    await new Promise((ok) => slow.once('connect', ok));
    slow.on('error', () => undefined);
    slow.write('POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le');
    const reply = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 3,
    });
    expect(reply.choices[0]?.message.role).toBe('assistant');
    await healthy();
    slow.destroy();
  });

  it('a connection reset mid-stream aborts that generation and nothing else', async () => {
    const body = JSON.stringify({
      model: TINY_ID,
      messages: [{ role: 'user', content: 'A long story please' }],
      max_tokens: 4000,
      stream: true,
    });
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((ok) => {
      let seen = '';
      socket.on('data', (d) => {
        seen += d.toString();
        if ((seen.match(/data: /g) ?? []).length >= 4) ok();
      });
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
    socket.resetAndDestroy();
    const deadline = Date.now() + 5000;
    for (;;) {
      const health = (await (await fetch(`${t.url}/health`, { headers: auth })).json()) as {
        active: number;
      };
      if (health.active === 0) break;
      if (Date.now() > deadline) throw new Error('the reset stream kept generating');
      await new Promise((ok) => setTimeout(ok, 50));
    }
    const aborted = t.log.find((e) => e.status === 499 && e.stream);
    expect(aborted?.completionTokens).toBeLessThan(1000);
    const next = new OpenAI({ baseURL: t.url, apiKey: KEY, maxRetries: 0 });
    const reply = await next.chat.completions.create({
      model: TINY_ID,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 3,
    });
    expect(reply.choices[0]?.message.role).toBe('assistant');
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { TalariaError } from '../../../shared/contract/errors';
import { rawCompletionRequest } from './completionRequest';
import { RemoteHttp, retryAfter, serverRoot } from './RemoteHttp';
import { streamCompletion } from './streamCompletion';

// A scripted HTTP server for the failure answers a real engine gives rarely (429, 500, a
// redirect); the normal paths are tested against llama.cpp's own server.
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
let server: Server | undefined;
const seen: { url: string; auth: string | undefined }[] = [];

async function serve(handler: Handler): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    req.resume();
    req.on('end', () => handler(req, res, n++));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

afterEach(async () => {
  seen.length = 0;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

const sampling = {
  temperature: 0,
  topP: 1,
  topK: 0,
  minP: 0,
  repeatPenalty: 1,
  seed: null,
  maxTokens: 8,
};
const request = rawCompletionRequest('llama.cpp', { model: 'm', prompt: 'p', sampling });

function sse(res: ServerResponse, texts: string[], finish = 'stop') {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const text of texts) {
    res.write(`data: ${JSON.stringify({ choices: [{ text, finish_reason: null }] })}\n\n`);
  }
  res.write(`data: ${JSON.stringify({ choices: [{ text: '', finish_reason: finish }] })}\n\n`);
  res.end('data: [DONE]\n\n');
}

describe('RemoteHttp', () => {
  it('normalises the address a user types', () => {
    expect(serverRoot('http://box:8000/v1/').href).toBe('http://box:8000/');
    expect(serverRoot('https://api.example.com/openai/v1').pathname).toBe('/openai');
    expect(() => serverRoot('ftp://box')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => serverRoot('http://user:key@box')).toThrow(/--api-key/);
  });

  it('honours Retry-After on 429 before the first token, then streams', async () => {
    const base = await serve((_req, res, n) => {
      if (n === 0) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'slow down' } }));
      } else sse(res, ['Hel', 'lo']);
    });
    const started = Date.now();
    const result = await streamCompletion(
      new RemoteHttp({ name: 'hosted', baseUrl: base }),
      request,
    );
    expect(result.text).toBe('Hello');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
  });

  it('gives up on a Retry-After longer than the user would wait, with words', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end();
    });
    const error = await streamCompletion(
      new RemoteHttp({ name: 'hosted', baseUrl: base }),
      request,
    ).catch((e: unknown) => e);
    expect((error as TalariaError).code).toBe('RATE_LIMITED');
    expect((error as TalariaError).message).toBe(
      'hosted is rate-limiting requests; try again in 3600 s.',
    );
  });

  it('retries a 5xx only before the first token and says what the server said', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'model is loading' } }));
    });
    const error = await streamCompletion(new RemoteHttp({ name: 'vllm', baseUrl: base }), request, {
      backoffMs: 10,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalariaError);
    expect((error as TalariaError).message).toBe('vllm failed with HTTP 503: model is loading.');
    expect(seen).toHaveLength(3);
  });

  it('keeps the partial reply and does not retry once text has arrived', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(
        `data: ${JSON.stringify({ choices: [{ text: 'Half a rep', finish_reason: null }] })}\n\n`,
      );
      res.end();
    });
    const error = await streamCompletion(
      new RemoteHttp({ name: 'box', baseUrl: base }),
      request,
    ).catch((e: unknown) => e);
    expect((error as TalariaError).message).toBe(
      'box closed the stream before the reply finished. The reply so far was kept.',
    );
    expect(((error as TalariaError).details as { partialText: string }).partialText).toBe(
      'Half a rep',
    );
    expect(seen).toHaveLength(1);
  });

  it('sends the key to its own server only and never follows a redirect elsewhere', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.2:1/steal' });
      res.end();
    });
    const http = new RemoteHttp({ name: 'box', baseUrl: base, apiKey: 'sk-secret' });
    await expect(http.getJson('/v1/models')).rejects.toBeInstanceOf(TalariaError);
    expect(seen).toEqual([{ url: '/v1/models', auth: 'Bearer sk-secret' }]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfter('2')).toBe(2000);
    expect(retryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfter('soon')).toBeNull();
    expect(retryAfter(null)).toBeNull();
  });
});

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './apiErrors';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** An API key shorter than this is refused: it would be guessable. */
export const MIN_API_KEY_LENGTH = 16;

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Why the server must not start with these settings, or null. Any address other than loopback
 * reaches other machines, so it needs a key; a key must be long enough not to be guessed.
 */
export function bindProblem(host: string, apiKey: string | null): string | null {
  if (apiKey !== null && apiKey.length < MIN_API_KEY_LENGTH) {
    return `The API key is too short (${apiKey.length} characters); use at least ${MIN_API_KEY_LENGTH}, e.g. \`openssl rand -hex 24\`.`;
  }
  if (!isLoopback(host) && apiKey === null) {
    return `Refusing to listen on ${host} without an API key: any machine that can reach this address could use your models. Pass --api-key KEY (clients send it as "Authorization: Bearer KEY"), or bind to 127.0.0.1.`;
  }
  return null;
}

/**
 * `Authorization: Bearer KEY`, compared in constant time: both sides are hashed first, so neither
 * the key's characters nor its length leak through timing.
 */
export function checkApiKey(request: IncomingMessage, apiKey: string | null): void {
  if (apiKey === null) return;
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const given = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(apiKey).digest();
  if (!timingSafeEqual(given, expected) || !match) {
    throw new ApiError(
      401,
      match ? 'Incorrect API key provided.' : 'Missing API key: send "Authorization: Bearer KEY".',
      'invalid_request_error',
      'invalid_api_key',
    );
  }
}

/**
 * A loopback server answers only requests addressed to loopback names, so a web page that
 * rebinds its own domain to 127.0.0.1 cannot reach it.
 */
export function checkHostHeader(request: IncomingMessage, bindHost: string, port: number): void {
  if (!isLoopback(bindHost)) return;
  const host = request.headers.host ?? '';
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!allowed.includes(host.toLowerCase())) {
    throw new ApiError(
      421,
      `Misdirected request: this server answers only ${allowed[0]}.`,
      'permission_error',
      'misdirected_request',
    );
  }
}

/**
 * CORS is off unless origins are listed: a browser page from an unlisted origin is refused
 * (403), a listed one gets the CORS headers; clients outside a browser send no Origin.
 */
export function corsHeaders(
  request: IncomingMessage,
  origins: readonly string[],
): Record<string, string> {
  const origin = request.headers.origin;
  if (origin === undefined) return {};
  if (!origins.includes(origin) && !origins.includes('*')) {
    throw new ApiError(
      403,
      `Requests from the web page ${origin} are not allowed; list it with the CORS origins setting.`,
      'permission_error',
      'origin_not_allowed',
    );
  }
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

export function preflightHeaders(request: IncomingMessage): Record<string, string> {
  const requested = request.headers['access-control-request-headers'];
  return {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers':
      typeof requested === 'string' ? requested : 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  };
}

/** The JSON body, at most `limit` bytes (413 past it, without reading the rest). */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '')
    throw new ApiError(
      400,
      'The request has no body; send a JSON object.',
      'invalid_request_error',
    );
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(
      400,
      `The body is not valid JSON: ${(error as Error).message}`,
      'invalid_request_error',
      'invalid_json',
    );
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    `The request body is larger than ${limit} bytes.`,
    'invalid_request_error',
    'body_too_large',
  );
}

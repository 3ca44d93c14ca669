import { Agent as HttpAgent, request as httpRequestRaw, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequestRaw } from 'node:https';

export interface HttpAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** Keep-alive agents owned by one service (and destroyed with it). */
export function createAgents(maxSockets = 16): HttpAgents {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  };
}

export function destroyAgents(agents: HttpAgents): void {
  agents.http.destroy();
  agents.https.destroy();
}

export interface HttpRequestOptions {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  signal?: AbortSignal;
  agents?: HttpAgents;
  /** Give up when no response headers arrive in this time. */
  headersTimeoutMs?: number;
}

/** A network-level failure (no HTTP status): refused, reset, DNS, timeout. */
export class NetworkError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'NetworkError';
    this.code = code;
  }
}

/**
 * One HTTP request that never follows redirects: callers decide per hop which headers (the
 * token) the next host may see.
 */
export function httpRequest(url: URL, options: HttpRequestOptions = {}): Promise<IncomingMessage> {
  const isHttps = url.protocol === 'https:';
  if (!isHttps && url.protocol !== 'http:') {
    return Promise.reject(new NetworkError('EPROTO', `Unsupported protocol ${url.protocol}`));
  }
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(abortReason(options.signal));
      return;
    }
    const send = isHttps ? httpsRequestRaw : httpRequestRaw;
    const req = send(url, {
      method: options.method ?? 'GET',
      headers: { 'User-Agent': 'Talaria', ...options.headers },
      agent: options.agents ? (isHttps ? options.agents.https : options.agents.http) : undefined,
    });
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => req.destroy(abortReason(options.signal));
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.headersTimeoutMs !== undefined) {
      timer = setTimeout(() => {
        req.destroy(new NetworkError('ETIMEDOUT', `No answer from ${url.host} in time`));
      }, options.headersTimeoutMs);
    }
    req.once('response', (res) => {
      cleanup();
      // Aborting after the headers must still end the body stream.
      if (options.signal) {
        const abortBody = () => res.destroy(abortReason(options.signal));
        options.signal.addEventListener('abort', abortBody, { once: true });
        res.once('close', () => options.signal?.removeEventListener('abort', abortBody));
      }
      resolve(res);
    });
    req.once('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      if (options.signal?.aborted) reject(abortReason(options.signal));
      else if (error instanceof NetworkError) reject(error);
      else reject(new NetworkError(error.code ?? 'ENETWORK', error.message));
    });
    req.end();
  });
}

/** Reads a (small) body fully, refusing more than `limit` bytes. */
export async function readBody(res: IncomingMessage, limit = 32 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of res) {
    const buf = chunk as Buffer;
    length += buf.length;
    if (length > limit) {
      res.destroy();
      throw new NetworkError('ETOOBIG', `Response larger than ${limit} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Drains and discards a body so the keep-alive socket can be reused. */
export function discard(res: IncomingMessage): void {
  res.resume();
}

export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'Aborted');
  error.name = 'AbortError';
  return error;
}

export function headerValue(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

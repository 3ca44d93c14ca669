import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { TalariaError } from '../../../shared/contract/errors';

export interface RemoteHttpOptions {
  /** The engine's name, used in every error so the user knows which server failed. */
  name: string;
  /** Server root, e.g. `http://gpu-box:8000` (a trailing `/v1` is accepted and dropped). */
  baseUrl: string;
  /** Bearer key; sent to this server's origin and nowhere else. */
  apiKey?: string | null;
  /** Time allowed for response headers and between streamed chunks (default 60 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** What one streamed request saw: the server-sent `data:` payloads, parsed as JSON. */
export type StreamEventHandler = (data: unknown) => void;

/** Normalises a user-typed server address to its root (scheme, host, port and any path prefix). */
export function serverRoot(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TalariaError('INVALID_INPUT', `"${baseUrl}" is not a URL (try http://host:8080).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TalariaError('INVALID_INPUT', `An engine URL must start with http:// or https://.`);
  }
  if (url.username || url.password) {
    throw new TalariaError('INVALID_INPUT', 'Put the key in --api-key, not in the URL.');
  }
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '') || '/';
  return url;
}

/**
 * HTTP to one OpenAI-compatible server. Every failure becomes a TalariaError whose message names
 * the engine and says what to do; the key only ever goes to the configured origin (paths are
 * joined onto the root, never taken from a response).
 */
export class RemoteHttp {
  readonly root: URL;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: RemoteHttpOptions) {
    this.root = serverRoot(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  get name(): string {
    return this.options.name;
  }

  url(path: string): URL {
    const prefix = this.root.pathname === '/' ? '' : this.root.pathname;
    const url = new URL(prefix + path, this.root.origin);
    if (url.origin !== this.root.origin) throw new Error(`Refusing to leave ${this.root.origin}`);
    return url;
  }

  async getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    const res = await this.send('GET', path, undefined, signal);
    return this.readJson(res, path);
  }

  async postJson(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const res = await this.send('POST', path, body, signal);
    return this.readJson(res, path);
  }

  /**
   * POSTs a streaming request and hands each `data:` payload to `onEvent` until `[DONE]` or the
   * end of the body. Aborting the signal closes the connection, which makes llama.cpp, vLLM and
   * Ollama stop generating.
   */
  async postStream(
    path: string,
    body: unknown,
    onEvent: StreamEventHandler,
    signal?: AbortSignal,
    format: 'sse' | 'ndjson' = 'sse',
  ): Promise<void> {
    const accept = format === 'sse' ? 'text/event-stream' : 'application/x-ndjson';
    const res = await this.send('POST', path, body, signal, accept);
    if (!res.body) throw this.error('ENGINE_UNAVAILABLE', 'sent an empty stream');
    let done = false;
    let parseError: TalariaError | null = null;
    const onData = (raw: string) => {
      if (done || parseError || raw.trim() === '') return;
      if (raw === '[DONE]') {
        done = true;
        return;
      }
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch {
        parseError = this.error('ENGINE_UNAVAILABLE', 'sent a stream event that is not JSON');
        return;
      }
      const error = (data as { error?: unknown }).error;
      if (error) {
        parseError = this.error('ENGINE_UNAVAILABLE', `reported an error: ${describe(error)}`);
        return;
      }
      onEvent(data);
    };
    let pending = '';
    const parser = createParser({ onEvent: (event: EventSourceMessage) => onData(event.data) });
    const feed = (text: string) => {
      if (format === 'sse') return parser.feed(text);
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onData);
    };
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    try {
      for (;;) {
        const chunk = await this.withTimeout(reader.read(), signal, 'stopped sending tokens');
        if (chunk.done) break;
        feed(decoder.decode(chunk.value, { stream: true }));
        if (parseError) throw parseError;
        if (done) break;
      }
      if (format === 'ndjson' && !done) onData(pending);
      if (parseError) throw parseError;
    } catch (error) {
      throw this.toError(error, signal);
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    accept = 'application/json',
  ): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let res: Response;
    try {
      res = await this.withTimeout(
        this.fetchImpl(this.url(path), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
          redirect: 'manual',
        }),
        signal,
        'did not answer',
      );
    } catch (error) {
      throw this.toError(error, signal);
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    throw this.statusError(res, text, path);
  }

  private async readJson(res: Response, path: string): Promise<unknown> {
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw this.error('ENGINE_UNAVAILABLE', `answered ${path} with something that is not JSON`);
    }
  }

  private statusError(res: Response, body: string, path: string): TalariaError {
    const detail = serverMessage(body);
    const details = { engine: this.name, status: res.status, path, serverMessage: detail };
    const status = res.status;
    if (status === 401 || status === 403) {
      return new TalariaError(
        'ENGINE_AUTH',
        `${this.name} refused the API key (HTTP ${status}). Check the key with \`talaria engines test ${this.name}\`.`,
        details,
      );
    }
    if (status === 404) {
      return new TalariaError(
        'MODEL_NOT_FOUND',
        `${this.name} has no ${path} or no such model (HTTP 404)${detail ? `: ${detail}` : ''}.`,
        details,
      );
    }
    if (status === 429) {
      const retryAfterMs = retryAfter(res.headers.get('retry-after'));
      return new TalariaError(
        'RATE_LIMITED',
        `${this.name} is rate-limiting requests${retryAfterMs !== null ? `; try again in ${Math.ceil(retryAfterMs / 1000)} s` : ''}.`,
        { ...details, retryAfterMs },
      );
    }
    if (status >= 400 && status < 500) {
      return new TalariaError(
        'INVALID_INPUT',
        `${this.name} rejected the request (HTTP ${status})${detail ? `: ${detail}` : ''}.`,
        details,
      );
    }
    return new TalariaError(
      'ENGINE_UNAVAILABLE',
      `${this.name} failed with HTTP ${status}${detail ? `: ${detail}` : ''}.`,
      details,
    );
  }

  private error(code: 'ENGINE_UNAVAILABLE', what: string): TalariaError {
    return new TalariaError(code, `${this.name} (${this.root.origin}) ${what}.`, {
      engine: this.name,
    });
  }

  private toError(error: unknown, signal: AbortSignal | undefined): TalariaError {
    if (error instanceof TalariaError) return error;
    if (signal?.aborted) return new TalariaError('ABORTED', 'Stopped.');
    const inner = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const cause = inner?.code ?? inner?.errors?.[0]?.code;
    const why =
      cause === 'ECONNREFUSED'
        ? 'refused the connection: is the server running?'
        : cause === 'ENOTFOUND'
          ? 'could not be found: check the address'
          : cause === 'ECONNRESET' || cause === 'UND_ERR_SOCKET'
            ? 'closed the connection'
            : `could not be reached (${cause ?? (error instanceof Error ? error.message : String(error))})`;
    return this.error('ENGINE_UNAVAILABLE', why);
  }

  /** Rejects when `promise` takes longer than the timeout; an abort wins over the timer. */
  private withTimeout<T>(
    promise: Promise<T>,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(this.error('ENGINE_UNAVAILABLE', `${what} within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      const onAbort = () => reject(new TalariaError('ABORTED', 'Stopped.'));
      signal?.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      });
    });
  }
}

function serverMessage(body: string): string {
  if (!body) return '';
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
    return describe(parsed.error ?? parsed.message ?? parsed.detail ?? body).slice(0, 300);
  } catch {
    return body.trim().slice(0, 300);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'message' in value) {
    return String((value as { message: unknown }).message);
  }
  return JSON.stringify(value);
}

/** Retry-After in ms: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

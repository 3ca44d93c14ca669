import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEngine, ApiLibrary } from './apiEngine';
import { ApiError } from './apiErrors';
import { ApiModels } from './ApiModels';
import { chatCompletions } from './chatCompletions';
import { completions } from './completions';
import type { ExchangeContext, RequestLogEntry } from './completionTypes';
import { toApiError } from './engineCalls';
import { GenerationQueue } from './GenerationQueue';
import {
  bindProblem,
  checkApiKey,
  checkHostHeader,
  corsHeaders,
  preflightHeaders,
  readJsonBody,
} from './httpGuards';

export type { RequestLogEntry } from './completionTypes';

export interface ApiServerOptions {
  engine: ApiEngine;
  library: ApiLibrary;
  /** Default 127.0.0.1; any other address needs `apiKey`. */
  host?: string;
  /** Default 1234 (LM Studio's); 0 picks a free port. */
  port?: number;
  /** Clients must send `Authorization: Bearer KEY`; null (default) on loopback means no key. */
  apiKey?: string | null;
  /** Web origins allowed to call the API from a browser; none by default (CORS off). */
  corsOrigins?: string[];
  /**
   * Generations at once (default 1): a model the API loads gets this many context sequences of
   * its own besides the app's, batched together, each keeping its client's KV prefix.
   */
  parallel?: number;
  /** Requests that may wait for a slot before 429s (default 32). */
  maxQueue?: number;
  /** Largest request body in bytes (default 8 MiB). */
  maxBodyBytes?: number;
  /** Unload a model the API loaded on demand after this long idle (default 15 min; 0 never). */
  idleTtlMs?: number;
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface ApiServerStatus {
  running: boolean;
  url: string | null;
  host: string;
  port: number | null;
  apiKeyRequired: boolean;
  parallel: number;
  active: number;
  queued: number;
}

const DEFAULT_PORT = 1234;
const MAX_BODY = 8 * 1024 * 1024;

/**
 * The OpenAI-compatible HTTP API. Plain Node; every route answers in OpenAI's shapes, every
 * error is an OpenAI error body, and no request — malformed, huge, slow or reset — can take the
 * process down: each one is handled or answered on its own.
 */
export class ApiServer {
  private server: Server | null = null;
  private boundPort: number | null = null;
  private readonly models: ApiModels;
  private readonly queue: GenerationQueue;
  private readonly host: string;
  private readonly apiKey: string | null;
  private readonly parallel: number;

  /** Throws when the address needs an API key it was not given (see bindProblem). */
  constructor(private readonly options: ApiServerOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.apiKey = options.apiKey ?? null;
    const problem = bindProblem(this.host, this.apiKey);
    if (problem) throw new Error(problem);
    this.parallel = options.parallel ?? 1;
    this.models = new ApiModels({
      engine: options.engine,
      library: options.library,
      idleTtlMs: options.idleTtlMs ?? 15 * 60_000,
      parallel: this.parallel,
    });
    this.queue = new GenerationQueue(this.parallel, options.maxQueue ?? 32);
  }

  get url(): string | null {
    if (this.boundPort === null) return null;
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.boundPort}/v1`;
  }

  status(): ApiServerStatus {
    return {
      running: this.server !== null,
      url: this.url,
      host: this.host,
      port: this.boundPort,
      apiKeyRequired: this.apiKey !== null,
      parallel: this.parallel,
      active: this.queue.active,
      queued: this.queue.queued,
    };
  }

  /** Loads a library model (id or file name) as a request naming it would. */
  async preload(model: string): Promise<string> {
    try {
      return (await this.models.ensure(model)).id;
    } catch (error) {
      throw new Error(toApiError(error).message);
    }
  }

  async start(): Promise<string> {
    if (this.server) return this.url as string;
    const server = createServer({ requestTimeout: 60_000, headersTimeout: 15_000 });
    server.on('request', (request, response) => void this.handle(request, response));
    // A malformed request line or a reset before the request is complete: that socket only.
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? DEFAULT_PORT, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    return this.url as string;
  }

  async close(): Promise<void> {
    this.models.dispose();
    const server = this.server;
    this.server = null;
    this.boundPort = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Streams in flight end now: their responses close, which aborts their generations.
    server.closeAllConnections();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const controller = new AbortController();
    // A client that goes away mid-stream stops its generation at once.
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    response.on('error', () => controller.abort());
    request.on('error', () => controller.abort());
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    let headers: Record<string, string> = {};
    let entry: Omit<RequestLogEntry, 'status' | 'durationMs' | 'method'> | null = null;
    try {
      checkHostHeader(request, this.host, this.boundPort ?? 0);
      headers = corsHeaders(request, this.options.corsOrigins ?? []);
      if (request.method === 'OPTIONS') {
        response.writeHead(204, { ...headers, ...preflightHeaders(request) }).end();
        return;
      }
      checkApiKey(request, this.apiKey);
      const ctx: ExchangeContext = {
        engine: this.options.engine,
        models: this.models,
        queue: this.queue,
        response,
        headers,
        signal: controller.signal,
      };
      entry = await this.route(request, path, ctx);
    } catch (error) {
      const apiError = toApiError(error);
      if (!response.headersSent && !response.destroyed) {
        const text = JSON.stringify(apiError.toBody());
        response.writeHead(apiError.status, {
          ...headers,
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(text),
          // A body left unread (413) is not worth draining.
          ...(apiError.status === 413 && { Connection: 'close' }),
        });
        response.end(text);
      } else if (!response.writableEnded) response.end();
    } finally {
      this.options.onRequest?.({
        method: request.method ?? '',
        path,
        model: null,
        stream: false,
        promptTokens: null,
        completionTokens: null,
        ttftMs: null,
        tokensPerSecond: null,
        ...entry,
        status: controller.signal.aborted && !response.writableFinished ? 499 : response.statusCode,
        durationMs: Math.round(performance.now() - started),
      });
    }
  }

  private async route(
    request: IncomingMessage,
    path: string,
    ctx: ExchangeContext,
  ): Promise<Omit<RequestLogEntry, 'status' | 'durationMs' | 'method'> | null> {
    const method = request.method ?? 'GET';
    const limit = this.options.maxBodyBytes ?? MAX_BODY;
    if (path === '/v1/chat/completions' || path === '/v1/completions') {
      if (method !== 'POST') throw methodNotAllowed(method, path);
      const body = await readJsonBody(request, limit);
      return path === '/v1/completions' ? completions(ctx, body) : chatCompletions(ctx, body);
    }
    if (method !== 'GET') throw methodNotAllowed(method, path);
    if (path === '/v1/models') {
      this.json(ctx, { object: 'list', data: await this.models.list() });
    } else if (path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      const model = (await this.models.list()).find((m) => m.id === id);
      if (!model)
        throw new ApiError(
          404,
          `The model '${id}' does not exist.`,
          'invalid_request_error',
          'model_not_found',
          'model',
        );
      this.json(ctx, model);
    } else if (path === '/v1/health' || path === '/health') {
      const engine = this.options.engine.status;
      this.json(ctx, {
        status: engine.state === 'error' ? 'error' : 'ok',
        engine: engine.state,
        model: this.models.loadedId(),
        parallel: this.parallel,
        active: this.queue.active,
        queued: this.queue.queued,
      });
    } else
      throw new ApiError(404, `No route ${method} ${path}.`, 'invalid_request_error', 'not_found');
    return null;
  }

  private json(ctx: ExchangeContext, value: unknown): void {
    const text = JSON.stringify(value);
    ctx.response.writeHead(200, {
      ...ctx.headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    ctx.response.end(text);
  }
}

function methodNotAllowed(method: string, path: string): ApiError {
  return new ApiError(
    405,
    `${method} is not allowed on ${path}.`,
    'invalid_request_error',
    'method_not_allowed',
  );
}

import { TalariaError } from '../../../../shared/contract/errors';
import { sleep } from './backoff';
import { hubHttpError, hubNetworkError, isRetryableStatus } from './hubErrors';
import {
  closeHttpPool,
  createHttpPool,
  discard,
  headerValue,
  httpRequest,
  NetworkError,
  readBody,
  type HttpPool,
  type HttpResponse,
} from './httpRequest';

export interface HubTransportOptions {
  endpoint: URL;
  token: () => string | null;
  retries: number;
  retryDelayMs: number;
  headersTimeoutMs: number;
}

export interface RequestContext {
  repoId?: string;
  path?: string;
}

const MAX_REDIRECTS = 5;

/** Requests to the Hub API: the token rule, retries and the Hub's error mapping in one place. */
export class HubTransport {
  readonly pool: HttpPool = createHttpPool();

  constructor(private readonly options: HubTransportOptions) {}

  /** The Authorization header for `url`, only when it is on the configured endpoint's origin. */
  authHeadersFor(url: URL | string): Record<string, string> {
    const token = this.options.token();
    if (!token) return {};
    const target = typeof url === 'string' ? new URL(url) : url;
    return target.origin === this.options.endpoint.origin
      ? { Authorization: `Bearer ${token}` }
      : {};
  }

  /** GET and parse JSON, following redirects (each hop decides afresh whether it gets the token). */
  async getJson(
    url: URL,
    ctx: RequestContext,
    signal?: AbortSignal,
  ): Promise<{ body: unknown; res: HttpResponse }> {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const res = await this.send(url, 'GET', ctx, signal);
      const status = res.statusCode ?? 0;
      const location = headerValue(res, 'location');
      if (status >= 300 && status < 400 && location) {
        discard(res);
        url = new URL(location, url);
        continue;
      }
      const text = (await readBody(res)).toString('utf8');
      try {
        return { body: JSON.parse(text) as unknown, res };
      } catch {
        throw new TalariaError('DOWNLOAD_FAILED', `${url.host} sent an answer that is not JSON.`);
      }
    }
    throw new TalariaError('DOWNLOAD_FAILED', `Too many redirects from ${url.host}.`);
  }

  /** One request with retries on 5xx/network errors; any other error status becomes a TalariaError. */
  async send(
    url: URL,
    method: 'GET' | 'HEAD',
    ctx: RequestContext,
    signal?: AbortSignal,
  ): Promise<HttpResponse> {
    const headers = { Accept: 'application/json', ...this.authHeadersFor(url) };
    const { retries, retryDelayMs } = this.options;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await httpRequest(url, {
          method,
          headers,
          signal,
          pool: this.pool,
          headersTimeoutMs: this.options.headersTimeoutMs,
        });
      } catch (error) {
        if (signal?.aborted) throw new TalariaError('ABORTED', 'The request was cancelled.');
        if (!(error instanceof NetworkError)) throw error;
        if (attempt >= retries) throw hubNetworkError(error.code, error.message, url.host);
        await sleep(retryDelayMs * 2 ** attempt, signal);
        continue;
      }
      const status = res.statusCode ?? 0;
      if (status < 400) return res;
      const serverMessage = await errorMessageOf(res);
      if (isRetryableStatus(status) && attempt < retries) {
        await sleep(retryDelayMs * 2 ** attempt, signal);
        continue;
      }
      throw hubHttpError(status, headerValue(res, 'x-error-code'), serverMessage, {
        ...ctx,
        withToken: 'Authorization' in headers,
        host: url.host,
      });
    }
  }

  dispose(): void {
    void closeHttpPool(this.pool);
  }
}

async function errorMessageOf(res: HttpResponse): Promise<string | null> {
  const header = headerValue(res, 'x-error-message');
  try {
    const parsed = JSON.parse((await readBody(res, 64 * 1024)).toString('utf8')) as {
      error?: unknown;
    };
    return typeof parsed.error === 'string' ? parsed.error : header;
  } catch {
    return header;
  }
}

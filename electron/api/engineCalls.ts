import { TalariaError } from '../../shared/contract/errors';
import { ApiError } from './apiErrors';

const BUSY_RETRY_MS = 50;

/**
 * Runs an engine call, waiting while the engine is busy with the desktop chat's reply (the app's
 * own user goes first), until the client goes away.
 */
export async function whenEngineFree<T>(run: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof TalariaError) || error.code !== 'BUSY' || signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    }
  }
}

/** Any error → the OpenAI error the client gets. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TalariaError) {
    const status =
      error.code === 'INVALID_INPUT' || error.code === 'UNSUPPORTED'
        ? 400
        : error.code === 'NO_MODEL_LOADED'
          ? 503
          : 500;
    const type = status === 400 ? 'invalid_request_error' : 'server_error';
    return new ApiError(status, error.message, type, error.code.toLowerCase());
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(500, `Internal error: ${message}`, 'server_error', 'internal');
}

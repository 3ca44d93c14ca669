/**
 * Stable error codes. Every error that crosses the contract carries one of these, a human
 * message the UI can show as-is, and details whose shape depends on the code (`ErrorDetails`).
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'MODEL_NOT_FOUND',
  'NO_MODEL_LOADED',
  'LOAD_FAILED',
  'INSUFFICIENT_MEMORY',
  'ENGINE_CRASHED',
  'BUSY',
  'ABORTED',
  'UNSUPPORTED',
  'UNKNOWN_METHOD',
  'VERSION_MISMATCH',
  'TRANSPORT_CLOSED',
  'DOWNLOAD_FAILED',
  /** The disk filled while writing; what was stored before is intact. */
  'DISK_FULL',
  /** A remote engine refused its API key (HTTP 401/403). */
  'ENGINE_AUTH',
  /** A remote engine is rate-limiting; details.retryAfterMs says when to try again. */
  'RATE_LIMITED',
  /** A remote engine could not be reached, timed out, failed (5xx) or died mid-reply. */
  'ENGINE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What `details` holds for each code; `undefined`: the code carries none. */
export interface ErrorDetails {
  /** `issues`: one line per param that failed validation; `path`: the file or name refused. */
  INVALID_INPUT: { issues?: string[]; path?: string; [key: string]: unknown };
  NOT_FOUND: { id?: string } | undefined;
  /** `path`: the missing file; Hub errors add `reason`, `status` and the repo. */
  MODEL_NOT_FOUND: { path?: string; reason?: string; [key: string]: unknown } | undefined;
  NO_MODEL_LOADED: undefined;
  /**
   * `path`: the file; `missingKeys`: GGUF keys llama.cpp cannot load without; `restored`: the
   * model loaded again after the failure; `libraryMessage`: llama.cpp's own words.
   */
  LOAD_FAILED:
    | {
        path?: string;
        missingKeys?: string[];
        restored?: string;
        libraryMessage?: string;
        [key: string]: unknown;
      }
    | undefined;
  INSUFFICIENT_MEMORY: { path?: string; [key: string]: unknown } | undefined;
  /** How the engine process ended, when it is known. */
  ENGINE_CRASHED: { exit: { code: number | null; signal: string | null } | null } | undefined;
  /** The reply that is still being written. */
  BUSY: { streamId: string; conversationId: string } | undefined;
  ABORTED: undefined;
  UNSUPPORTED: undefined;
  UNKNOWN_METHOD: undefined;
  VERSION_MISMATCH: undefined;
  TRANSPORT_CLOSED: undefined;
  /**
   * `reason` says why ('checksum', 'disk-full', 'disk-space', 'gated', 'network', …); a
   * checksum failure also names the file (`path`) and both hashes, a Hub answer its `status`.
   */
  DOWNLOAD_FAILED:
    { reason: string; path?: string; status?: number; [key: string]: unknown } | undefined;
  /** `path`: where the write failed, when known. */
  DISK_FULL: { path?: string; [key: string]: unknown } | undefined;
  /** `engine`: the remote engine's name; `status`: its HTTP status. */
  ENGINE_AUTH: { engine?: string; status?: number; [key: string]: unknown } | undefined;
  /** `retryAfterMs`: when the remote engine says to try again (null: it did not say). */
  RATE_LIMITED:
    { engine?: string; retryAfterMs: number | null; [key: string]: unknown } | undefined;
  ENGINE_UNAVAILABLE: { engine?: string; status?: number; [key: string]: unknown } | undefined;
  /** What the log needs to find the cause (e.g. the database schema versions). */
  INTERNAL: { [key: string]: unknown } | undefined;
}

/** The JSON shape of an error on the wire. */
export interface RpcErrorShape<C extends ErrorCode = ErrorCode> {
  code: C;
  message: string;
  details?: ErrorDetails[C];
}

/** An error with a stable code; the only error type services should throw across the contract. */
export class TalariaError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details?: ErrorDetails[C];

  constructor(code: C, message: string, details?: ErrorDetails[C]) {
    super(message);
    this.name = 'TalariaError';
    this.code = code;
    this.details = details;
  }

  toJSON(): RpcErrorShape<C> {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(shape: RpcErrorShape): TalariaError {
    return new TalariaError(shape.code, shape.message, shape.details);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into a wire error; unknown errors become INTERNAL without leaking stacks. */
export function toErrorShape(error: unknown): RpcErrorShape {
  if (error instanceof TalariaError) return error.toJSON();
  if (
    typeof error === 'object' &&
    error !== null &&
    isErrorCode((error as { code?: unknown }).code) &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    const e = error as RpcErrorShape;
    return e.details === undefined
      ? { code: e.code, message: e.message }
      : { code: e.code, message: e.message, details: e.details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}

/** The error for an id that names nothing: "That conversation does not exist." */
export function notFound(what: string, id?: string): TalariaError<'NOT_FOUND'> {
  return new TalariaError('NOT_FOUND', `That ${what} does not exist.`, id ? { id } : undefined);
}

/** The error for a request that needs a loaded model. */
export function noModelLoaded(toDo = 'chat'): TalariaError<'NO_MODEL_LOADED'> {
  return new TalariaError('NO_MODEL_LOADED', `Load a model first, then ${toDo}.`);
}

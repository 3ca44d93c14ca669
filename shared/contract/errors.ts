/**
 * Stable error codes. Every error that crosses the contract carries one of these, a human
 * message the UI can show as-is, and optional JSON details.
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

/** The JSON shape of an error on the wire. */
export interface RpcErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** An error with a stable code; the only error type services should throw across the contract. */
export class TalariaError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'TalariaError';
    this.code = code;
    this.details = details;
  }

  toJSON(): RpcErrorShape {
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

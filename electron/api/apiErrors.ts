/**
 * Errors in OpenAI's shape: `{"error": {"message", "type", "param", "code"}}` with the HTTP status
 * the official SDKs map to their error classes (400 BadRequestError, 401 AuthenticationError,
 * 404 NotFoundError, 429 RateLimitError …).
 */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: ApiErrorType,
    readonly code: string | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): {
    error: { message: string; type: string; param: string | null; code: string | null };
  } {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

export const badRequest = (
  message: string,
  param: string | null = null,
  code: string | null = null,
) => new ApiError(400, message, 'invalid_request_error', code, param);

/** A parameter Talaria does not implement: refused, never silently ignored. */
export const unsupported = (param: string, what: string) =>
  new ApiError(
    400,
    `${what} is not supported by Talaria.`,
    'invalid_request_error',
    'unsupported_parameter',
    param,
  );

export const modelNotFound = (model: string) =>
  new ApiError(
    404,
    `The model '${model}' does not exist in the Talaria library. GET /v1/models lists the models you can use.`,
    'invalid_request_error',
    'model_not_found',
    'model',
  );

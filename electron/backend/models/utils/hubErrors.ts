import { TalariaError } from '../../../../shared/contract/errors';

/** Why a Hub request failed, for the UI to pick an action (add a token, retry …). */
export type HubFailure =
  'not-found' | 'gated' | 'unauthorized' | 'rate-limited' | 'server' | 'network' | 'http';

export interface HubErrorContext {
  repoId?: string;
  path?: string;
  /** Whether a token was sent with the request. */
  withToken: boolean;
  host: string;
}

/** Turns a failed Hub response (status + the Hub's `X-Error-Code`) into a TalariaError. */
export function hubHttpError(
  status: number,
  errorCode: string | null,
  serverMessage: string | null,
  ctx: HubErrorContext,
): TalariaError {
  const what = ctx.repoId ?? 'the model';
  const details = (reason: HubFailure) => ({
    reason,
    status,
    errorCode,
    repoId: ctx.repoId,
    path: ctx.path,
    serverMessage,
  });
  if (
    errorCode === 'GatedRepo' ||
    ((status === 401 || status === 403) && errorCode === null && ctx.withToken === false)
  ) {
    const message = ctx.withToken
      ? `Your Hugging Face token does not have access to the gated repository ${what}. Request access on its Hugging Face page, then try again.`
      : `${what} is a gated repository: it needs a Hugging Face token. Accept its terms on Hugging Face and add an access token in Settings.`;
    return new TalariaError('DOWNLOAD_FAILED', message, details('gated'));
  }
  if (errorCode === 'RepoNotFound') {
    const hint = ctx.withToken ? '' : ' If it is private, add a Hugging Face token.';
    return new TalariaError(
      'MODEL_NOT_FOUND',
      `Repository ${what} was not found on ${ctx.host}.${hint}`,
      details('not-found'),
    );
  }
  if (errorCode === 'EntryNotFound' || (status === 404 && ctx.path !== undefined)) {
    return new TalariaError(
      'MODEL_NOT_FOUND',
      `File ${ctx.path ?? ''} was not found in ${what}.`,
      details('not-found'),
    );
  }
  if (errorCode === 'RevisionNotFound') {
    return new TalariaError(
      'MODEL_NOT_FOUND',
      `That revision of ${what} does not exist.`,
      details('not-found'),
    );
  }
  if (status === 404) {
    return new TalariaError(
      'MODEL_NOT_FOUND',
      `${what} was not found on ${ctx.host}.`,
      details('not-found'),
    );
  }
  if (status === 401 || status === 403) {
    return new TalariaError(
      'DOWNLOAD_FAILED',
      `The Hugging Face token was rejected by ${ctx.host} (HTTP ${status}). Check the token in Settings.`,
      details('unauthorized'),
    );
  }
  if (status === 429) {
    return new TalariaError(
      'DOWNLOAD_FAILED',
      `${ctx.host} is rate limiting requests; try again in a minute.`,
      details('rate-limited'),
    );
  }
  if (status >= 500) {
    return new TalariaError(
      'DOWNLOAD_FAILED',
      `${ctx.host} is having trouble (HTTP ${status}); try again later.`,
      details('server'),
    );
  }
  return new TalariaError(
    'DOWNLOAD_FAILED',
    `${ctx.host} answered HTTP ${status} for ${what}.`,
    details('http'),
  );
}

export function hubNetworkError(code: string, message: string, host: string): TalariaError {
  return new TalariaError(
    'DOWNLOAD_FAILED',
    `Cannot reach ${host} (${code}). Check the network connection and try again.`,
    {
      reason: 'network' satisfies HubFailure,
      code,
      cause: message,
    },
  );
}

/** Whether retrying the same request may help. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

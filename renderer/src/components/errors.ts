import { TalariaError } from '../../../shared/contract/errors';

export interface ShownError {
  code: string;
  message: string;
}

/** What the user sees for a failed request: the stable code plus a message they can act on. */
export function toShownError(error: unknown): ShownError {
  if (error instanceof TalariaError) return { code: error.code, message: hintFor(error) };
  if (error instanceof Error) return { code: 'ERROR', message: error.message };
  return { code: 'ERROR', message: String(error) };
}

function hintFor(error: TalariaError): string {
  switch (error.code) {
    case 'NO_MODEL_LOADED':
      return 'No model is loaded. Load a model to start chatting.';
    case 'BUSY':
      return 'A reply is already being written in this chat. Stop it or wait for it to finish.';
    case 'TRANSPORT_CLOSED':
      return 'The connection to Talaria was lost.';
    default:
      return error.message;
  }
}

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

const HEADLINES: Record<string, string> = {
  LOAD_FAILED: 'The model could not be loaded.',
  MODEL_NOT_FOUND: 'The model file was not found.',
  INVALID_INPUT: 'Talaria cannot use this input.',
  INSUFFICIENT_MEMORY: 'There is not enough memory for this model.',
  ENGINE_CRASHED: 'The engine stopped unexpectedly.',
  DOWNLOAD_FAILED: 'Hugging Face could not be reached, or the download failed.',
  INTERNAL: 'Something went wrong inside Talaria.',
  NO_MODEL_LOADED: 'No model is loaded.',
  TRANSPORT_CLOSED: 'The connection to Talaria was lost.',
};

/**
 * One sentence for an error code, for places that show a code: the user reads a sentence first,
 * and the code stays only as a detail for bug reports.
 */
export function errorHeadline(code: string): string {
  return HEADLINES[code] ?? 'Something went wrong.';
}

import type { LLamaChatGenerateResponseOptions } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type { SamplingParams } from '../../../shared/contract/types';

export type SamplingOptions = Pick<
  LLamaChatGenerateResponseOptions,
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'minP'
  | 'seed'
  | 'maxTokens'
  | 'repeatPenalty'
  | 'customStopTriggers'
>;

/**
 * Maps contract sampling settings onto LlamaChat options. The "disabled" values of the contract
 * (topP 1, topK 0, minP 0, repeatPenalty 1) are passed as node-llama-cpp's own "disabled" values,
 * because leaving an option out would fall back to node-llama-cpp's defaults instead.
 */
export function toSamplingOptions(params: SamplingParams): SamplingOptions {
  if (!Number.isInteger(params.maxTokens) || params.maxTokens < 1) {
    throw new TalariaError('INVALID_INPUT', 'maxTokens must be a positive integer.');
  }
  if (params.temperature < 0) throw new TalariaError('INVALID_INPUT', 'temperature must be >= 0.');
  return {
    temperature: params.temperature,
    topP: params.topP,
    topK: Math.max(0, Math.floor(params.topK)),
    minP: params.minP,
    maxTokens: params.maxTokens,
    repeatPenalty: params.repeatPenalty === 1 ? false : { penalty: params.repeatPenalty },
    ...(params.seed !== null && { seed: params.seed }),
    // User stop strings; a tool-calling step replaces them with its own tag triggers.
    ...(params.stopStrings?.length && { customStopTriggers: params.stopStrings }),
  };
}

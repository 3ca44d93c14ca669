import { TokenBias, type LLamaChatGenerateResponseOptions, type LlamaModel } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type { EngineSamplingParams } from './engineProtocol';

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
  | 'tokenBias'
>;

/**
 * Maps contract sampling settings onto LlamaChat options. The "disabled" values of the contract
 * (topP 1, topK 0, minP 0, repeatPenalty 1) are passed as node-llama-cpp's own "disabled" values,
 * because leaving an option out would fall back to node-llama-cpp's defaults instead.
 */
export function toSamplingOptions(
  params: EngineSamplingParams,
  model?: LlamaModel,
): SamplingOptions {
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
    repeatPenalty: repeatPenaltyOf(params),
    ...(params.seed !== null && { seed: params.seed }),
    // User stop strings; a tool-calling step replaces them with its own tag triggers.
    ...(params.stopStrings?.length && { customStopTriggers: params.stopStrings }),
    ...(model && params.logitBias && { tokenBias: tokenBiasOf(model, params.logitBias) }),
  };
}

function repeatPenaltyOf(params: EngineSamplingParams): SamplingOptions['repeatPenalty'] {
  const frequencyPenalty = params.frequencyPenalty ?? 0;
  const presencePenalty = params.presencePenalty ?? 0;
  if (params.repeatPenalty === 1 && frequencyPenalty === 0 && presencePenalty === 0) return false;
  return {
    penalty: params.repeatPenalty,
    ...(frequencyPenalty !== 0 && { frequencyPenalty }),
    ...(presencePenalty !== 0 && { presencePenalty }),
  };
}

/** OpenAI's logit_bias: token id → a bias added to its logit; -100 bans the token. */
function tokenBiasOf(model: LlamaModel, bias: Record<string, number>): TokenBias {
  const tokenBias = new TokenBias(model.tokenizer);
  const vocabulary = vocabularySize(model);
  for (const [key, value] of Object.entries(bias)) {
    const token = Number(key);
    if (!Number.isInteger(token) || token < 0 || token >= vocabulary) {
      throw new TalariaError(
        'INVALID_INPUT',
        `logit_bias names token ${key}, which is not in the model's vocabulary.`,
      );
    }
    tokenBias.set(token as never, value <= -100 ? 'never' : { logit: value });
  }
  return tokenBias;
}

/** Tokens in the model's vocabulary, from the GGUF header (an id past it would crash llama.cpp). */
function vocabularySize(model: LlamaModel): number {
  const tokenizer = model.fileInfo.metadata.tokenizer as
    { ggml?: { tokens?: unknown } } | undefined;
  const tokens = tokenizer?.ggml?.tokens;
  return Array.isArray(tokens) ? tokens.length : 0;
}

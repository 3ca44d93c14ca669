import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { GenerationStats } from '../../shared/contract/types';
import type { ApiEngine } from './apiEngine';
import type { ApiModels } from './ApiModels';
import type { GenerationQueue } from './GenerationQueue';

/** What one generation request handler gets from the server. */
export interface ExchangeContext {
  engine: ApiEngine;
  models: ApiModels;
  queue: GenerationQueue;
  response: ServerResponse;
  /** Headers every response carries (CORS when enabled). */
  headers: Record<string, string>;
  /** Aborted when the client goes away: a waiting request leaves the queue, a running one stops. */
  signal: AbortSignal;
}

/** One line of the request log (the Server screen and `talaria api` print it). */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  model: string | null;
  stream: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  durationMs: number;
}

export type Usage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
};

export function completionId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

export function usageOf(stats: GenerationStats): Usage {
  return {
    prompt_tokens: stats.promptTokens,
    completion_tokens: stats.completionTokens,
    total_tokens: stats.promptTokens + stats.completionTokens,
    // Prompt tokens that came from the KV cache of the previous request (OpenAI's own field).
    prompt_tokens_details: {
      cached_tokens: Math.max(0, stats.promptTokens - stats.evaluatedPromptTokens),
    },
  };
}

/** Talaria's measurements, next to OpenAI's fields (llama.cpp's server has a `timings` too). */
export function timingsOf(stats: GenerationStats) {
  return {
    ttft_ms: stats.ttftMs,
    tokens_per_second: stats.tokensPerSecond,
    evaluated_prompt_tokens: stats.evaluatedPromptTokens,
    duration_ms: stats.durationMs,
  };
}

export function finishReason(
  stats: GenerationStats,
  toolCalls: number,
): 'stop' | 'length' | 'tool_calls' {
  if (toolCalls > 0) return 'tool_calls';
  return stats.stopReason === 'maxTokens' ? 'length' : 'stop';
}

export function logEntryOf(
  path: string,
  model: string | null,
  stream: boolean,
  stats: GenerationStats | null,
): Omit<RequestLogEntry, 'status' | 'durationMs' | 'method'> {
  return {
    path,
    model,
    stream,
    promptTokens: stats?.promptTokens ?? null,
    completionTokens: stats?.completionTokens ?? null,
    ttftMs: stats?.ttftMs ?? null,
    tokensPerSecond: stats?.tokensPerSecond ?? null,
  };
}

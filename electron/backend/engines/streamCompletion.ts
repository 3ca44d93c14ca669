import { TalariaError } from '../../../shared/contract/errors';
import type { StopReason } from '../../../shared/contract/types';
import type { CompletionRequest } from './completionRequest';
import type { RemoteHttp } from './RemoteHttp';

/** A tool call as a chat-mode server streams it (OpenAI `delta.tool_calls`), assembled. */
export interface StreamedToolCall {
  id: string;
  name: string;
  /** The arguments as the server sent them: a JSON string. */
  arguments: string;
}

export interface CompletionOutcome {
  text: string;
  toolCalls: StreamedToolCall[];
  stopReason: StopReason;
  /** The server's own counts, where it reports usage. */
  usage: { promptTokens: number; completionTokens: number } | null;
  /** Measured here, client-side: what the user actually waited. */
  timings: { ttftMs: number | null; tokensPerSecond: number | null; durationMs: number };
}

export interface StreamCompletionOptions {
  onText?: (text: string, chunks: number) => void;
  signal?: AbortSignal;
  /** Tries before the first token for failures that may pass (5xx, refused, 429); default 3. */
  attempts?: number;
  /** First backoff in ms, doubled each retry; default 500. */
  backoffMs?: number;
  /** Longest Retry-After we wait for before giving up; default 30 s. */
  maxRetryAfterMs?: number;
  now?: () => number;
}

interface Choice {
  text?: string;
  delta?: {
    content?: string | null;
    tool_calls?: {
      index?: number;
      id?: string;
      function?: { name?: string; arguments?: string };
    }[];
  };
  finish_reason?: string | null;
}

function stopReasonOf(finish: string | null | undefined): StopReason {
  if (finish === 'length') return 'maxTokens';
  return 'eos';
}

const RETRYABLE = new Set(['ENGINE_UNAVAILABLE', 'RATE_LIMITED']);

/**
 * Streams one completion and measures it the way the user sees it (TTFT and tokens/s here, not
 * the server's figures). A failure before the first token is retried with backoff (honouring
 * Retry-After); once text has arrived a failure keeps the partial text in the thrown error's
 * details, because re-running would show the user a different reply.
 */
export async function streamCompletion(
  http: RemoteHttp,
  request: CompletionRequest,
  options: StreamCompletionOptions = {},
): Promise<CompletionOutcome> {
  const attempts = options.attempts ?? 3;
  let backoff = options.backoffMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    const partial = { text: '' };
    try {
      return await streamOnce(http, request, options, partial);
    } catch (error) {
      const retry =
        error instanceof TalariaError &&
        RETRYABLE.has(error.code) &&
        partial.text === '' &&
        attempt < attempts &&
        !options.signal?.aborted;
      if (!retry) throw error;
      const retryAfterMs = (error.details as { retryAfterMs?: number | null } | undefined)
        ?.retryAfterMs;
      const wait = retryAfterMs ?? backoff;
      if (wait > (options.maxRetryAfterMs ?? 30_000)) throw error;
      await sleep(wait, options.signal);
      backoff *= 2;
    }
  }
}

async function streamOnce(
  http: RemoteHttp,
  request: CompletionRequest,
  options: StreamCompletionOptions,
  partial: { text: string },
): Promise<CompletionOutcome> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let first: number | null = null;
  let last = started;
  let chunks = 0;
  let finish: string | null = null;
  let usage: CompletionOutcome['usage'] = null;
  const calls: StreamedToolCall[] = [];

  const onEvent = (data: unknown) => {
    const event = data as {
      choices?: Choice[];
      usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
      response?: string;
      done?: boolean;
      done_reason?: string;
      prompt_eval_count?: number;
      eval_count?: number;
    };
    let text = '';
    if (request.stream === 'ollama') {
      text = event.response ?? '';
      if (event.done) {
        finish = event.done_reason ?? 'stop';
        usage = {
          promptTokens: event.prompt_eval_count ?? 0,
          completionTokens: event.eval_count ?? 0,
        };
      }
    } else {
      const choice = event.choices?.[0];
      text = choice?.text ?? choice?.delta?.content ?? '';
      for (const call of choice?.delta?.tool_calls ?? []) {
        const index = call.index ?? calls.length;
        const slot = (calls[index] ??= { id: '', name: '', arguments: '' });
        if (call.id) slot.id = call.id;
        if (call.function?.name) slot.name += call.function.name;
        if (call.function?.arguments) slot.arguments += call.function.arguments;
        chunks++;
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (event.usage) {
        usage = {
          promptTokens: event.usage.prompt_tokens ?? 0,
          completionTokens: event.usage.completion_tokens ?? 0,
        };
      }
    }
    if (text || (calls.length > 0 && first === null)) {
      first ??= now();
      last = now();
    }
    if (!text) return;
    chunks++;
    partial.text += text;
    options.onText?.(text, chunks);
  };

  try {
    await http.postStream(
      request.path,
      request.body,
      onEvent,
      options.signal,
      request.stream === 'ollama' ? 'ndjson' : 'sse',
    );
  } catch (error) {
    if (error instanceof TalariaError && error.code === 'ABORTED') {
      return outcome('abort');
    }
    if (error instanceof TalariaError && partial.text !== '') {
      throw new TalariaError(error.code, `${error.message} The reply so far was kept.`, {
        ...(error.details as object),
        partialText: partial.text,
      });
    }
    throw error;
  }
  if (finish === null) {
    if (options.signal?.aborted) return outcome('abort');
    throw new TalariaError(
      'ENGINE_UNAVAILABLE',
      `${http.name} closed the stream before the reply finished.${partial.text ? ' The reply so far was kept.' : ''}`,
      { engine: http.name, partialText: partial.text },
    );
  }
  return outcome(stopReasonOf(finish));

  function outcome(stopReason: StopReason): CompletionOutcome {
    const end = now();
    const generated = usage?.completionTokens ?? chunks;
    const span = first === null ? 0 : last - first;
    return {
      text: partial.text,
      toolCalls: calls.filter((c) => c.name !== ''),
      stopReason,
      usage,
      timings: {
        ttftMs: first === null ? null : first - started,
        tokensPerSecond: span > 0 && generated > 1 ? ((generated - 1) * 1000) / span : null,
        durationMs: end - started,
      },
    };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new TalariaError('ABORTED', 'Stopped.'));
      },
      { once: true },
    );
  });
}

import { TalariaError } from '../../../shared/contract/errors';
import type { ToolCallRecord } from '../../../shared/contract/tools';
import type { ActiveTool } from './ToolService';

/**
 * What a call produced: the text for the model, or why it failed. `unanswered`: an 'ask' call
 * whose reply was stopped before the user answered.
 */
export type CallOutcome =
  | { ok: true; content: string; arguments?: Record<string, unknown> }
  | { ok: false; error: string; unanswered?: true };

export interface AskAnswer {
  arguments: Record<string, unknown>;
  response: string;
}

interface Waiting {
  call: ToolCallRecord;
  validate: (args: Record<string, unknown>) => string | null;
  resolve: (answer: AskAnswer) => void;
}

type Settle = (record: ToolCallRecord) => void;

/**
 * Calls paused by an 'ask' mock, waiting for the user (`chat.resolveToolCall`). Shared by every
 * running loop; an aborted loop withdraws its calls (at shutdown they stay 'awaiting-user' in the
 * store, and `PausedCalls` answers them after the restart).
 */
export class PendingAsks {
  private readonly waiting = new Map<string, Waiting>();
  private readonly settling = new Map<string, Settle>();

  wait(
    call: ToolCallRecord,
    validate: Waiting['validate'],
    signal: AbortSignal,
  ): Promise<AskAnswer | null> {
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.waiting.delete(call.id);
        resolve(null);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(call.id, {
        call,
        validate,
        resolve: (answer) => {
          signal.removeEventListener('abort', onAbort);
          this.waiting.delete(call.id);
          resolve(answer);
        },
      });
    });
  }

  /**
   * Answers a waiting call; resolves with the call once the loop has recorded the answer.
   * @throws TalariaError INVALID_INPUT when the call is not waiting or the arguments are wrong.
   */
  answer(
    callId: string,
    args: Record<string, unknown> | undefined,
    response: string,
  ): Promise<ToolCallRecord> {
    const waiting = this.waiting.get(callId);
    if (!waiting) {
      throw new TalariaError('INVALID_INPUT', 'That tool call is not waiting for an answer.');
    }
    const finalArgs = args ?? waiting.call.arguments ?? {};
    const problem = waiting.validate(finalArgs);
    if (problem) throw new TalariaError('INVALID_INPUT', problem);
    const recorded = new Promise<ToolCallRecord>((resolve) => this.settling.set(callId, resolve));
    waiting.resolve({ arguments: finalArgs, response });
    return recorded;
  }

  /** The loop has stored the outcome of an answered call. */
  settle(record: ToolCallRecord): void {
    this.settling.get(record.id)?.(record);
    this.settling.delete(record.id);
  }

  isWaiting(callId: string): boolean {
    return this.waiting.has(callId);
  }
}

/** The tool result as the Hermes model cards show it: `{"name": …, "content": …}`. */
export function toolResultContent(name: string, value: unknown): string {
  let content: string;
  if (typeof value === 'string') {
    // Text that is JSON already goes in as is; other text becomes a JSON string.
    content = isJson(value) ? value.trim() : JSON.stringify(value);
  } else content = JSON.stringify(value ?? null);
  return `{"name": ${JSON.stringify(name)}, "content": ${content}}`;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return text.trim() !== '';
  } catch {
    return false;
  }
}

export interface RunCallOptions {
  timeoutMs: number;
  signal: AbortSignal;
  asks: PendingAsks;
  /** Validates edited arguments of an 'ask' call. */
  validate: Waiting['validate'];
  /** Called when an 'ask' call starts waiting. */
  onAwaiting: () => void;
}

/** Runs one validated call: a built-in (with the timeout), a canned mock, or an 'ask' mock. */
export async function runCall(
  tool: ActiveTool,
  call: ToolCallRecord,
  options: RunCallOptions,
): Promise<CallOutcome> {
  const args = call.arguments ?? {};
  if (tool.kind === 'mock') {
    if (tool.mock.mode === 'canned')
      return { ok: true, content: toolResultContent(tool.name, tool.mock.response) };
    options.onAwaiting();
    const answer = await options.asks.wait(call, options.validate, options.signal);
    if (!answer)
      return { ok: false, error: 'Stopped before the user answered this call.', unanswered: true };
    return {
      ok: true,
      content: toolResultContent(tool.name, answer.response),
      arguments: answer.arguments,
    };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CallOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: `The tool did not answer within ${formatMs(options.timeoutMs)} and was stopped.`,
        }),
      options.timeoutMs,
    );
  });
  const stopped = new Promise<CallOutcome>((resolve) => {
    options.signal.addEventListener(
      'abort',
      () => resolve({ ok: false, error: 'Stopped before the tool finished.' }),
      {
        once: true,
      },
    );
  });
  const work = (async (): Promise<CallOutcome> => {
    try {
      const value: unknown = await tool.impl.run(args);
      return { ok: true, content: toolResultContent(tool.name, value) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  })();
  try {
    return await Promise.race([work, timeout, stopped]);
  } finally {
    clearTimeout(timer);
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

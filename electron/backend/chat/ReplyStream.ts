import type { StreamSnapshot, TalariaEvents } from '../../../shared/contract';
import { toErrorShape } from '../../../shared/contract/errors';
import type { ToolCallRecord } from '../../../shared/contract/tools';
import type { GenerationStats, Message, SamplingParams } from '../../../shared/contract/types';
import type { HermesMessage } from '../../../shared/hermes';
import type { EngineHost, GenerateOptions } from '../engine/EngineHost';
import type { Store } from '../store';
import { StreamBatcher } from './StreamBatcher';

export interface ReplyStreamOptions {
  streamId: string;
  store: Store;
  engine: EngineHost;
  emit: <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;
  /** The assistant message written first (status 'streaming'). */
  message: Message;
  batchIntervalMs?: number;
  /** How often the partial text is saved while streaming, so a killed process keeps it. */
  checkpointMs?: number;
  /** Text the message already has and the reply continues (`chat.continue`); streamed first. */
  prefix?: string;
}

export const SHUTDOWN_ERROR = 'Generation was interrupted when Talaria closed.';

export const DISK_FULL_MESSAGE =
  'The disk is full — free some space; nothing you already saved was lost.';

/** SQLite's and the OS's ways of saying there is no room left. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'DISK_FULL') return true;
  return error instanceof Error && /database or disk is full|no space left/i.test(error.message);
}

/** How often a reply the full disk could not take is offered to it again. */
const DISK_RETRY_MS = 5_000;

/**
 * One running reply: the assistant message being written (a tool loop moves on to the next one),
 * its streamed text with batching, checkpoints and seq numbers, and the abort signal.
 */
export class ReplyStream {
  readonly streamId: string;
  readonly conversationId: string;
  readonly controller = new AbortController();
  /** Set when the app is closing: partial replies are kept as 'interrupted'. */
  shutdown = false;
  done: Promise<void> = Promise.resolve();
  private current: Message;
  private written = '';
  private prefix = '';
  private readonly batcher: StreamBatcher;

  constructor(private readonly options: ReplyStreamOptions) {
    this.streamId = options.streamId;
    this.conversationId = options.message.conversationId;
    this.current = options.message;
    this.batcher = new StreamBatcher({
      intervalMs: options.batchIntervalMs,
      flush: (text, seq, tokens) =>
        options.emit('chat.delta', {
          streamId: this.streamId,
          conversationId: this.conversationId,
          messageId: this.current.id,
          seq,
          text,
          tokens,
        }),
    });
    if (options.prefix) {
      this.prefix = options.prefix;
      this.written = options.prefix;
      this.batcher.push(options.prefix, 0);
    }
  }

  get message(): Message {
    return this.current;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  get lastSeq(): number {
    return this.batcher.lastSeq;
  }

  snapshot(): StreamSnapshot {
    this.batcher.flush();
    return {
      streamId: this.streamId,
      messageId: this.current.id,
      text: this.written,
      seq: this.batcher.lastSeq,
      done: false,
    };
  }

  /** One engine generation streamed into the current message. */
  async generate(
    messages: HermesMessage[],
    sampling: SamplingParams,
    options: GenerateOptions = {},
  ): Promise<{ text: string; stats: GenerationStats }> {
    const { store, engine } = this.options;
    const checkpointMs = this.options.checkpointMs ?? 1000;
    let lastCheckpoint = Date.now();
    const result = await engine.generate(
      messages,
      sampling,
      {
        signal: this.signal,
        onText: (text, tokens) => {
          this.written += text;
          this.batcher.push(text, tokens);
          if (Date.now() - lastCheckpoint >= checkpointMs) {
            lastCheckpoint = Date.now();
            try {
              store.messages.update(this.current.id, { content: this.written });
            } catch {
              // A checkpoint is a safety copy: the text stays in memory and the final write
              // (or its retries) stores it.
            }
          }
        },
      },
      options,
    );
    this.batcher.flush();
    return result;
  }

  /** Stores a finished generation on the current message. */
  complete(result: { text: string; stats: GenerationStats }): Message {
    this.batcher.flush();
    const aborted = result.stats.stopReason === 'abort';
    this.current = this.options.store.messages.update(this.current.id, {
      content: this.prefix + result.text,
      status: aborted ? (this.shutdown ? 'interrupted' : 'aborted') : 'complete',
      error: this.shutdown ? SHUTDOWN_ERROR : null,
      stats: this.shutdown ? { ...result.stats, stopReason: 'shutdown' } : result.stats,
    });
    return this.current;
  }

  /** Stores what was written when the reply failed. */
  fail(error: unknown): { message: Message; error: ReturnType<typeof toErrorShape> } {
    this.batcher.flush();
    const shape = isDiskFull(error)
      ? { code: 'DISK_FULL' as const, message: DISK_FULL_MESSAGE }
      : toErrorShape(error);
    const patch = { content: this.written, status: 'error' as const, error: shape.message };
    try {
      this.current = this.options.store.messages.update(this.current.id, patch);
      return { message: this.current, error: shape };
    } catch (writeError) {
      if (!isDiskFull(writeError)) throw writeError;
      // The text generated so far stays in memory and is stored once there is room again.
      const id = this.current.id;
      const retry = setInterval(() => {
        try {
          this.options.store.messages.update(id, patch);
          clearInterval(retry);
        } catch {
          // Still full; try again later.
        }
      }, DISK_RETRY_MS);
      retry.unref();
      this.current = { ...this.current, ...patch };
      return {
        message: this.current,
        error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE },
      };
    }
  }

  /** Drops the text written so far (a JSON-mode retry starts over in the same message). */
  restart(): void {
    this.batcher.flush();
    this.written = '';
    this.prefix = '';
    this.current = this.options.store.messages.update(this.current.id, { content: '' });
    this.emitMessage(this.current);
  }

  /** Moves on to a new assistant message (the next step of a tool loop). */
  startMessage(parentId: string): Message {
    this.batcher.flush();
    this.written = '';
    this.prefix = '';
    this.current = this.options.store.messages.insert({
      conversationId: this.conversationId,
      parentId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: this.current.model,
    });
    this.emitMessage(this.current);
    return this.current;
  }

  /** Replaces the current message's stored copy (e.g. after adding a notice). */
  setCurrent(message: Message): void {
    this.current = message;
  }

  emitMessage(message: Message): void {
    this.options.emit('chat.message', {
      streamId: this.streamId,
      conversationId: this.conversationId,
      message,
    });
  }

  emitCall(call: ToolCallRecord): void {
    this.options.emit('chat.toolCall', {
      streamId: this.streamId,
      conversationId: this.conversationId,
      call,
    });
  }

  dispose(): void {
    this.batcher.dispose();
  }
}

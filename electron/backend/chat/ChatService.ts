import { randomUUID } from 'node:crypto';
import type { StreamSnapshot, StreamStart, TalariaEvents } from '../../../shared/contract/api';
import { TalariaError, toErrorShape } from '../../../shared/contract/errors';
import {
  HERMES_DEFAULT_SAMPLING,
  type ChatTurn,
  type Conversation,
  type Message,
} from '../../../shared/contract/types';
import type { EngineHost } from '../engine/EngineHost';
import { DEFAULT_CONVERSATION_TITLE, type Store } from '../store';
import { StreamBatcher } from './StreamBatcher';

export interface ChatServiceOptions {
  store: Store;
  engine: EngineHost;
  emit: <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;
  batchIntervalMs?: number;
  /** How often the partial text is saved while streaming, so a killed process keeps it. */
  checkpointMs?: number;
}

interface ActiveStream {
  streamId: string;
  conversationId: string;
  messageId: string;
  text: string;
  controller: AbortController;
  batcher: StreamBatcher;
  done: Promise<void>;
  shutdown: boolean;
}

/**
 * Sends messages and streams replies. The user message is committed before generation starts;
 * the assistant row exists from the first moment and is updated at done, abort, error and
 * shutdown (and checkpointed while streaming), so nothing the user wrote or the model produced
 * is lost.
 */
export class ChatService {
  private readonly streams = new Map<string, ActiveStream>();

  constructor(private readonly options: ChatServiceOptions) {}

  send(conversationId: string, content: string): StreamStart {
    const conversation = this.requireConversation(conversationId);
    this.assertCanGenerate();
    const { messages, conversations } = this.options.store;
    const path = messages.activePath(conversationId);
    const userMessage = messages.insert({
      conversationId,
      parentId: path.at(-1)?.id ?? null,
      role: 'user',
      content,
      status: 'complete',
    });
    if (conversation.title === DEFAULT_CONVERSATION_TITLE && path.length === 0) {
      conversations.rename(conversationId, titleFrom(content));
      this.options.emit('conversations.changed', { id: conversationId });
    }
    const start = this.startStream(conversation, [...path, userMessage]);
    return { ...start, userMessage };
  }

  regenerate(conversationId: string): StreamStart {
    const conversation = this.requireConversation(conversationId);
    this.assertCanGenerate();
    const path = this.options.store.messages.activePath(conversationId);
    while (path.length > 0 && path.at(-1)?.role === 'assistant') path.pop();
    if (path.length === 0) {
      throw new TalariaError('INVALID_INPUT', 'There is no message to write a reply to yet.');
    }
    return { ...this.startStream(conversation, path), userMessage: null };
  }

  stop(streamId: string): boolean {
    const stream = this.streams.get(streamId);
    if (!stream) return false;
    stream.controller.abort();
    return true;
  }

  attach(streamId: string): StreamSnapshot {
    const stream = this.streams.get(streamId);
    if (!stream) {
      throw new TalariaError(
        'NOT_FOUND',
        'That reply has already finished; reload the conversation.',
      );
    }
    stream.batcher.flush();
    return {
      streamId,
      messageId: stream.messageId,
      text: stream.text,
      seq: stream.batcher.lastSeq,
      done: false,
    };
  }

  active(): { streamId: string; conversationId: string; messageId: string }[] {
    return [...this.streams.values()].map(({ streamId, conversationId, messageId }) => ({
      streamId,
      conversationId,
      messageId,
    }));
  }

  /** Stops the streams of a conversation that is about to be deleted. */
  async stopConversation(conversationId: string): Promise<void> {
    const streams = [...this.streams.values()].filter((s) => s.conversationId === conversationId);
    for (const stream of streams) stream.controller.abort();
    await Promise.all(streams.map((s) => s.done));
  }

  /** Aborts every stream and saves what it produced, marked as cut short by the shutdown. */
  async shutdown(): Promise<void> {
    const streams = [...this.streams.values()];
    for (const stream of streams) {
      stream.shutdown = true;
      stream.controller.abort();
    }
    await Promise.all(streams.map((s) => s.done));
  }

  private startStream(
    conversation: Conversation,
    history: Message[],
  ): Omit<StreamStart, 'userMessage'> {
    const { messages } = this.options.store;
    const model = this.options.engine.status.model;
    const parent = history.at(-1);
    const assistantMessage = messages.insert({
      conversationId: conversation.id,
      parentId: parent?.id ?? null,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: model?.name ?? null,
    });
    const streamId = randomUUID();
    const stream: ActiveStream = {
      streamId,
      conversationId: conversation.id,
      messageId: assistantMessage.id,
      text: '',
      controller: new AbortController(),
      shutdown: false,
      done: Promise.resolve(),
      batcher: new StreamBatcher({
        intervalMs: this.options.batchIntervalMs,
        flush: (text, seq, tokens) =>
          this.options.emit('chat.delta', {
            streamId,
            conversationId: conversation.id,
            messageId: assistantMessage.id,
            seq,
            text,
            tokens,
          }),
      }),
    };
    this.streams.set(streamId, stream);
    stream.done = this.run(stream, conversation, history);
    return { streamId, conversationId: conversation.id, assistantMessage };
  }

  private async run(
    stream: ActiveStream,
    conversation: Conversation,
    history: Message[],
  ): Promise<void> {
    const { messages } = this.options.store;
    const turns: ChatTurn[] = [];
    if (conversation.systemPrompt.trim()) {
      turns.push({ role: 'system', content: conversation.systemPrompt });
    }
    for (const m of history) {
      if (m.content || m.role === 'user') turns.push({ role: m.role, content: m.content });
    }
    const sampling = { ...HERMES_DEFAULT_SAMPLING, ...conversation.sampling };
    let lastCheckpoint = Date.now();
    const checkpointMs = this.options.checkpointMs ?? 1000;
    try {
      const result = await this.options.engine.generate(turns, sampling, {
        signal: stream.controller.signal,
        onText: (text, tokens) => {
          stream.text += text;
          stream.batcher.push(text, tokens);
          if (Date.now() - lastCheckpoint >= checkpointMs) {
            lastCheckpoint = Date.now();
            messages.update(stream.messageId, { content: stream.text });
          }
        },
      });
      stream.batcher.flush();
      const aborted = result.stats.stopReason === 'abort';
      const message = messages.update(stream.messageId, {
        content: result.text,
        status: aborted ? (stream.shutdown ? 'interrupted' : 'aborted') : 'complete',
        error: stream.shutdown ? 'Generation was interrupted when Talaria closed.' : null,
        stats: stream.shutdown ? { ...result.stats, stopReason: 'shutdown' } : result.stats,
      });
      this.options.emit('chat.done', {
        streamId: stream.streamId,
        conversationId: stream.conversationId,
        message,
        seq: stream.batcher.lastSeq,
      });
    } catch (error) {
      stream.batcher.flush();
      const shape = toErrorShape(error);
      const message = messages.update(stream.messageId, {
        content: stream.text,
        status: 'error',
        error: shape.message,
      });
      this.options.emit('chat.error', {
        streamId: stream.streamId,
        conversationId: stream.conversationId,
        error: shape,
        message,
        seq: stream.batcher.lastSeq,
      });
    } finally {
      stream.batcher.dispose();
      this.streams.delete(stream.streamId);
      this.options.store.conversations.touch(stream.conversationId);
    }
  }

  private requireConversation(id: string): Conversation {
    const conversation = this.options.store.conversations.get(id);
    if (!conversation) throw new TalariaError('NOT_FOUND', 'That conversation does not exist.');
    return conversation;
  }

  private assertCanGenerate(): void {
    if (!this.options.engine.status.model) {
      throw new TalariaError('NO_MODEL_LOADED', 'No model is loaded. Load a GGUF model first.');
    }
    const running = this.streams.values().next().value;
    if (running) {
      throw new TalariaError(
        'BUSY',
        'A reply is still being written. Stop it or wait for it to finish before sending another.',
        { streamId: running.streamId, conversationId: running.conversationId },
      );
    }
  }
}

function titleFrom(content: string): string {
  const line = content.trim().split('\n')[0]?.trim() ?? '';
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}…` : line || DEFAULT_CONVERSATION_TITLE;
}

import { randomUUID } from 'node:crypto';
import type { StreamSnapshot, StreamStart, TalariaEvents } from '../../../shared/contract';
import { TalariaError } from '../../../shared/contract/errors';
import type { Conversation, Message } from '../../../shared/contract/types';
import type { EngineHost } from '../engine/EngineHost';
import { titleFromMessage } from '../../../shared/chat/conversationTitle';
import { DEFAULT_CONVERSATION_TITLE, type Store } from '../store';
import type { ReplyPlanner } from './replies';
import { ReplyStream } from './ReplyStream';

export interface ChatServiceOptions {
  store: Store;
  engine: EngineHost;
  emit: <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;
  batchIntervalMs?: number;
  /** How often the partial text is saved while streaming, so a killed process keeps it. */
  checkpointMs?: number;
  /** Plans and writes replies (ConversationReplies: plain, roleplay, tools or JSON mode). */
  replies: ReplyPlanner;
  /** Fits the history into the context before a reply (the conversation's context policy). */
  fitHistory?: (conversation: Conversation, history: Message[]) => Promise<Message[]>;
}

/**
 * Sends messages and streams replies. The user message is committed before generation starts;
 * the assistant row exists from the first moment and is updated at done, abort, error and
 * shutdown (and checkpointed while streaming), so nothing the user wrote or the model produced
 * is lost.
 */
export class ChatService {
  private readonly streams = new Map<string, ReplyStream>();
  private readonly replies: ReplyPlanner;

  constructor(private readonly options: ChatServiceOptions) {
    this.replies = options.replies;
  }

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
    // A tool loop leaves assistant and tool messages after the user's; the reply replaces all.
    while (path.length > 0 && (path.at(-1)?.role === 'assistant' || path.at(-1)?.role === 'tool')) {
      path.pop();
    }
    if (path.length === 0) {
      throw new TalariaError('INVALID_INPUT', 'There is no message to write a reply to yet.');
    }
    return { ...this.startStream(conversation, path), userMessage: null };
  }

  /** The checks `send` makes before writing anything: NOT_FOUND, NO_MODEL_LOADED, BUSY. */
  prepareReply(conversationId: string): Conversation {
    const conversation = this.requireConversation(conversationId);
    this.assertCanGenerate();
    return conversation;
  }

  /**
   * Starts a reply after an explicit history (edit and resend). With `continued`, the history
   * ends with that assistant message, which is continued in place instead of answered.
   */
  startReply(
    conversation: Conversation,
    history: Message[],
    continued?: Message,
  ): Omit<StreamStart, 'userMessage'> {
    return this.startStream(conversation, history, continued);
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
    return stream.snapshot();
  }

  active(): { streamId: string; conversationId: string; messageId: string }[] {
    return [...this.streams.values()].map(({ streamId, conversationId, message }) => ({
      streamId,
      conversationId,
      messageId: message.id,
    }));
  }

  /** The stream a conversation's reply is being written in, if any. */
  streamOf(conversationId: string): ReplyStream | null {
    return [...this.streams.values()].find((s) => s.conversationId === conversationId) ?? null;
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
    continued?: Message,
  ): Omit<StreamStart, 'userMessage'> {
    const { messages } = this.options.store;
    const model = this.options.engine.status.model;
    const parent = history.at(-1);
    const assistantMessage = continued
      ? messages.update(continued.id, { status: 'streaming', error: null })
      : messages.insert({
          conversationId: conversation.id,
          parentId: parent?.id ?? null,
          role: 'assistant',
          content: '',
          status: 'streaming',
          model: model?.name ?? null,
        });
    const stream = new ReplyStream({
      streamId: randomUUID(),
      store: this.options.store,
      engine: this.options.engine,
      emit: this.options.emit,
      message: assistantMessage,
      batchIntervalMs: this.options.batchIntervalMs,
      checkpointMs: this.options.checkpointMs,
      prefix: continued?.content,
    });
    this.streams.set(stream.streamId, stream);
    stream.done = this.run(stream, conversation, history);
    return { streamId: stream.streamId, conversationId: conversation.id, assistantMessage };
  }

  private async run(stream: ReplyStream, conversation: Conversation, history: Message[]) {
    try {
      const fitted = this.options.fitHistory
        ? await this.options.fitHistory(conversation, history)
        : history;
      const final = await this.replies.run(stream, conversation, fitted);
      const [message = final] = this.replies.decorate([final]);
      this.options.emit('chat.done', {
        streamId: stream.streamId,
        conversationId: stream.conversationId,
        message,
        seq: stream.lastSeq,
      });
    } catch (error) {
      const failed = stream.fail(error);
      const [message = failed.message] = this.replies.decorate([failed.message]);
      this.options.emit('chat.error', {
        streamId: stream.streamId,
        conversationId: stream.conversationId,
        error: failed.error,
        message,
        seq: stream.lastSeq,
      });
    } finally {
      stream.dispose();
      this.streams.delete(stream.streamId);
      try {
        this.options.store.conversations.touch(stream.conversationId);
      } catch {
        // A full disk must not turn a finished reply into an unhandled rejection.
      }
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
  return titleFromMessage(content, DEFAULT_CONVERSATION_TITLE);
}

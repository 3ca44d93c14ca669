import type { TalariaEvents } from '../../../shared/contract';
import { TalariaError } from '../../../shared/contract/errors';
import type { ToolCallRecord } from '../../../shared/contract/tools';
import type { Message } from '../../../shared/contract/types';
import { ToolCallValidator } from '../../../shared/hermes';
import type { ChatService } from '../chat/ChatService';
import type { Store } from '../store';
import { executionFeedback, maxDepthNotice } from './feedback';
import { INTERRUPTED_CALL } from './ToolCallStore';
import { toolResultContent } from './ToolExecutor';
import type { ToolStore } from './ToolStore';

export interface PausedCallsOptions {
  store: Store;
  tools: ToolStore;
  chat: Pick<ChatService, 'prepareReply' | 'startReply'>;
  emit: <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;
}

/**
 * 'ask' calls that outlived the loop that made them: Talaria closed or was killed while they
 * waited, so they are stored as 'awaiting-user' with no one waiting in memory. Answering one
 * records it like the live loop would; once no call of its message waits any more, the tool turn
 * is written (every call of the batch in order: the answered ones, the ones that had finished,
 * and the ones cut off by the close as errors the model is told about) and the reply goes on in
 * a new stream whose history ends with that turn, so the tool loop continues at the next depth.
 */
export class PausedCalls {
  constructor(private readonly options: PausedCallsOptions) {}

  /**
   * Records the user's answer; starts the rest of the reply when it was the last one waiting.
   * Synchronous up to the start, so two answers to one batch cannot both start a reply.
   * @throws TalariaError INVALID_INPUT (not waiting, arguments invalid), NO_MODEL_LOADED or BUSY
   *   (nothing is recorded then: the call keeps waiting).
   */
  answer(
    call: ToolCallRecord,
    args: Record<string, unknown> | undefined,
    response: string,
  ): ToolCallRecord {
    const { store, tools, chat } = this.options;
    if (call.status !== 'awaiting-user') {
      throw new TalariaError('INVALID_INPUT', 'That tool call is not waiting for an answer.');
    }
    const message = store.messages.get(call.messageId);
    if (!message) throw new TalariaError('NOT_FOUND', 'The message of that tool call is gone.');
    const finalArgs = args ?? call.arguments ?? {};
    this.validate(message, call.name, finalArgs);
    const batch = tools.calls.forMessages([message.id]).get(message.id) ?? [];
    const last = batch.every((c) => c.id === call.id || c.status !== 'awaiting-user');
    const goesOn = last && call.depth < tools.settings(message.conversationId).maxDepth;
    const conversation = goesOn ? chat.prepareReply(message.conversationId) : null;

    const answered = tools.calls.update(call.id, {
      status: 'done',
      arguments: finalArgs,
      result: toolResultContent(call.name, response),
    });
    if (!last) {
      this.emitAll('', [answered], []);
      return answered;
    }
    const { records, toolMessages } = this.writeToolTurn(message, batch);
    const final = records.find((r) => r.id === call.id) ?? answered;
    const lastTool = toolMessages.at(-1);
    if (!lastTool) return final;
    if (!conversation) {
      // As the live loop at its maximum depth: the results are stored but not sent back.
      const noticed = store.messages.update(message.id, {
        error: maxDepthNotice(tools.settings(message.conversationId).maxDepth),
      });
      this.emitAll('', records, [...toolMessages, ...tools.decorate([noticed])]);
      return final;
    }
    const history = store.messages.pathTo(lastTool.id);
    const start = chat.startReply(conversation, history);
    this.emitAll(start.streamId, records, [...toolMessages, start.assistantMessage]);
    return final;
  }

  /** Checks edited arguments against the tool as the model was given it. */
  private validate(message: Message, name: string, args: Record<string, unknown>): void {
    const context = this.options.tools.promptContext(message.id);
    if (!context || context.tools.length === 0) return;
    const check = new ToolCallValidator(context.tools).validate({ name, arguments: args });
    if (!check.ok) throw new TalariaError('INVALID_INPUT', check.message);
  }

  /**
   * One tool message per call, in call order, chained after the assistant message. Calls still
   * pending or running (no start-up recovery ran) become interrupted errors first.
   */
  private writeToolTurn(message: Message, batch: ToolCallRecord[]) {
    const { store, tools } = this.options;
    const records: ToolCallRecord[] = [];
    const toolMessages: Message[] = [];
    let parentId = message.id;
    store.db.transaction(() => {
      for (const stale of batch) {
        let record = tools.calls.get(stale.id) ?? stale;
        if (record.status === 'pending' || record.status === 'running') {
          record = tools.calls.update(record.id, {
            status: 'error',
            error: INTERRUPTED_CALL,
            result: executionFeedback(record.name, INTERRUPTED_CALL),
          });
        }
        if (record.resultMessageId) {
          parentId = record.resultMessageId;
          records.push(record);
          continue;
        }
        const content =
          record.result ?? executionFeedback(record.name, record.error ?? INTERRUPTED_CALL);
        const toolMessage = store.messages.insert({
          conversationId: message.conversationId,
          parentId,
          role: 'tool',
          content,
          status: 'complete',
        });
        parentId = toolMessage.id;
        toolMessages.push(toolMessage);
        records.push(tools.calls.update(record.id, { result: content, resultMessageId: parentId }));
      }
    })();
    return { records, toolMessages };
  }

  /** Tells clients about the changed calls and messages (streamId '' when no reply runs). */
  private emitAll(streamId: string, records: ToolCallRecord[], messages: Message[]): void {
    const conversationId = records[0]?.conversationId ?? messages[0]?.conversationId ?? '';
    for (const call of records)
      this.options.emit('chat.toolCall', { streamId, conversationId, call });
    for (const message of messages) {
      this.options.emit('chat.message', { streamId, conversationId, message });
    }
  }
}

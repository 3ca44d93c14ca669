import type { ConversationToolSettings, ToolCallRecord } from '../../../shared/contract/tools';
import type { Message, SamplingParams } from '../../../shared/contract/types';
import {
  parseToolCalls,
  ToolCallValidator,
  type ParseToolCallsResult,
} from '../../../shared/hermes';
import type { ReplyStream } from '../chat/ReplyStream';
import type { Store } from '../store';
import {
  executionFeedback,
  maxDepthNotice,
  NOT_RUN_AFTER_PARSE_ERROR,
  parseErrorFeedback,
  validationFeedback,
} from './feedback';
import { promptMessages } from './promptMessages';
import { toGrammarSchema } from './schemaSupport';
import { runCall, type PendingAsks } from './ToolExecutor';
import type { ActiveTool } from './ToolService';
import type { PromptContext, ToolStore } from './ToolStore';

export interface ToolLoopOptions {
  store: Store;
  tools: ToolStore;
  asks: PendingAsks;
  /** Milliseconds for call durations; injectable for tests. */
  now?: () => number;
}

export interface ToolLoopInput {
  history: Message[];
  settings: ConversationToolSettings;
  active: ActiveTool[];
  context: PromptContext;
  sampling: SamplingParams;
}

/**
 * The multi-step tool loop of one reply: the model answers; the calls in its answer are checked
 * and run (all of a message's calls at once), their results go back in one tool turn, and the
 * model answers again, until it answers without calls or `maxDepth` tool turns have been made.
 * Calls that cannot be parsed, name unknown tools or break their schema are answered with the
 * reference loop's error messages so the model can retry.
 *
 * When Talaria closes while 'ask' calls wait for the user, they stay 'awaiting-user' and the tool
 * turn is not written; `PausedCalls` finishes it on the next start, and the reply goes on from a
 * history that ends with the tool turn, which this loop continues at the next depth.
 */
export class ToolLoop {
  private readonly now: () => number;

  constructor(private readonly options: ToolLoopOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  async run(stream: ReplyStream, input: ToolLoopInput): Promise<Message> {
    const { tools } = this.options;
    const definitions = input.context.tools;
    const validator = new ToolCallValidator(definitions);
    const argumentGrammars = input.settings.guaranteedArguments
      ? Object.fromEntries(
          input.active.map((t) => [t.name, toGrammarSchema(t.definition.parameters).grammarSchema]),
        )
      : undefined;
    let path = [...input.history];
    for (let depth = resumedDepth(path, tools) + 1; ; depth++) {
      tools.setPromptContext(stream.message.id, input.context);
      const calls = tools.calls.forMessages(path.map((m) => m.id));
      const prompt = promptMessages(path, input.context, calls);
      const forced = input.settings.toolChoice;
      const choice = depth === 1 || forced === 'none' ? forced : 'auto';
      const result = await stream.generate(prompt, input.sampling, {
        tools: { definitions, choice, ...(argumentGrammars && { argumentGrammars }) },
      });
      const message = stream.complete(result);
      if (stream.aborted || result.stats.stopReason === 'abort' || choice === 'none')
        return message;
      const parsed = parseToolCalls(result.text);
      if (parsed.calls.length === 0 && parsed.errors.length === 0) return message;
      const results = await this.handleCalls(stream, message, parsed, depth, input, validator);
      // A continued message is already at the end of the path; it is replaced by its new state.
      path = [...path.filter((m) => m.id !== message.id), message, ...results];
      if (stream.aborted) return message;
      if (depth >= input.settings.maxDepth) {
        const noticed = this.options.store.messages.update(message.id, {
          error: maxDepthNotice(input.settings.maxDepth),
        });
        stream.setCurrent(noticed);
        return noticed;
      }
      const last = results.at(-1);
      if (!last) return message;
      // The finished step, with its calls, before the next assistant message starts.
      stream.emitMessage(tools.decorate([message])[0] ?? message);
      stream.startMessage(last.id);
    }
  }

  /** Records, checks and runs the calls of one message; returns the tool messages, in order. */
  private async handleCalls(
    stream: ReplyStream,
    message: Message,
    parsed: ParseToolCallsResult,
    depth: number,
    input: ToolLoopInput,
    validator: ToolCallValidator,
  ): Promise<Message[]> {
    const calls = this.options.tools.calls;
    const base = { conversationId: message.conversationId, messageId: message.id, depth };
    let records: ToolCallRecord[];
    let contents: string[];
    if (parsed.errors.length > 0) {
      // As the reference loop: one unreadable call and nothing runs; the parse error goes back.
      const feedback = parseErrorFeedback(parsed.errors.map((e) => e.message));
      records = [
        ...parsed.calls.map((call, index) =>
          calls.insert({
            ...base,
            index,
            name: call.name,
            arguments: call.arguments,
            raw: JSON.stringify({ name: call.name, arguments: call.arguments }),
            status: 'error',
            error: NOT_RUN_AFTER_PARSE_ERROR,
            result: feedback,
          }),
        ),
        ...parsed.errors.map((error, i) =>
          calls.insert({
            ...base,
            index: parsed.calls.length + i,
            name: '',
            arguments: null,
            raw: error.raw,
            status: 'error',
            error: error.message,
            result: feedback,
          }),
        ),
      ];
      records.forEach((r) => stream.emitCall(r));
      contents = [feedback];
    } else {
      records = parsed.calls.map((call, index) =>
        calls.insert({
          ...base,
          index,
          name: call.name,
          arguments: call.arguments,
          raw: JSON.stringify({ name: call.name, arguments: call.arguments }),
          status: 'pending',
        }),
      );
      records.forEach((r) => stream.emitCall(r));
      const paused = new Set<string>();
      records = await Promise.all(
        records.map((record) => this.execute(stream, record, input, validator, paused)),
      );
      // Closing while the user is asked: the answered calls keep their results in their records
      // and the tool turn waits for the answers after the restart (PausedCalls).
      if (paused.size > 0) return [];
      contents = records.map((r) => r.result ?? '');
    }
    return this.addToolMessages(stream, message, records, contents);
  }

  private async execute(
    stream: ReplyStream,
    record: ToolCallRecord,
    input: ToolLoopInput,
    validator: ToolCallValidator,
    paused: Set<string>,
  ): Promise<ToolCallRecord> {
    const calls = this.options.tools.calls;
    const update = (patch: Parameters<typeof calls.update>[1]): ToolCallRecord => {
      const next = calls.update(record.id, patch);
      stream.emitCall(next);
      return next;
    };
    const validation = validator.validate({ name: record.name, arguments: record.arguments });
    const tool = input.active.find((t) => t.name === record.name);
    if (!validation.ok || !tool) {
      const error = validation.ok ? `Unknown tool "${record.name}".` : validation.message;
      return update({ status: 'error', error, result: validationFeedback(record.name, error) });
    }
    const current = update({ status: 'running' });
    const started = this.now();
    const outcome = await runCall(tool, current, {
      timeoutMs: input.settings.timeoutMs,
      signal: stream.signal,
      asks: this.options.asks,
      validate: (args) => {
        const check = validator.validate({ name: record.name, arguments: args });
        return check.ok ? null : check.message;
      },
      onAwaiting: () => void update({ status: 'awaiting-user' }),
    });
    if (!outcome.ok && outcome.unanswered && stream.shutdown) {
      paused.add(record.id);
      return current;
    }
    const durationMs = Math.round((this.now() - started) * 100) / 100;
    const final = outcome.ok
      ? update({
          status: 'done',
          result: outcome.content,
          durationMs,
          ...(outcome.arguments && { arguments: outcome.arguments }),
        })
      : update({
          status: 'error',
          error: outcome.error,
          result: executionFeedback(record.name, outcome.error),
          durationMs,
        });
    this.options.asks.settle(final);
    return final;
  }

  /** One tool message per result, chained after the assistant message (one tool turn). */
  private addToolMessages(
    stream: ReplyStream,
    message: Message,
    records: ToolCallRecord[],
    contents: string[],
  ): Message[] {
    const { store, tools } = this.options;
    const added: Message[] = [];
    let parentId = message.id;
    contents.forEach((content, i) => {
      const toolMessage = store.messages.insert({
        conversationId: message.conversationId,
        parentId,
        role: 'tool',
        content,
        status: 'complete',
      });
      parentId = toolMessage.id;
      added.push(toolMessage);
      stream.emitMessage(toolMessage);
      // With a parse error all records share the one feedback message.
      const owners = contents.length === 1 ? records : records.slice(i, i + 1);
      for (const record of owners) {
        stream.emitCall(tools.calls.update(record.id, { resultMessageId: toolMessage.id }));
      }
    });
    return added;
  }
}

/**
 * The depth of the tool turn a history ends with (0 when it does not end with one): a reply
 * resumed after a restart continues the loop it belongs to, so forcing and `maxDepth` count on.
 */
function resumedDepth(history: readonly Message[], tools: ToolStore): number {
  let at = history.length - 1;
  if (history[at]?.role !== 'tool') return 0;
  while (history[at]?.role === 'tool') at--;
  const assistant = history[at];
  if (assistant?.role !== 'assistant') return 0;
  const calls = tools.calls.forMessages([assistant.id]).get(assistant.id) ?? [];
  return Math.max(0, ...calls.map((c) => c.depth));
}

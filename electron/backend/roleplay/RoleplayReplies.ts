import type { Conversation, Message } from '../../../shared/contract/types';
import type { AssembledPrompt } from '../../../shared/personas';
import { samplingFor, type ReplyPlanner } from '../chat/replies';
import type { ReplyStream } from '../chat/ReplyStream';
import type { EngineHost } from '../engine/EngineHost';
import { assembleParams, needsAssembly, resolveSetup, type RoleplaySetup } from './roleplayInput';
import type { AssemblySink, RoleplaySource, StoredAssembly } from './RoleplaySource';

export interface RoleplayRepliesOptions {
  engine: EngineHost;
  source: RoleplaySource;
  assemblies: AssemblySink;
  /** The planner for everything else: tools, JSON mode, plain chats. */
  inner: ReplyPlanner;
  /** Whether tools or JSON mode will write this conversation's reply. */
  usesTools: (conversationId: string) => boolean;
  now?: () => number;
  timeZone?: string;
}

const TOOLS_NOTE =
  'Tools or JSON mode are on: the system turn comes from this assembly, the history is sent as is.';

export function toRecord(
  assembled: AssembledPrompt,
  warnings: string[],
  viaTools = false,
): StoredAssembly {
  return {
    viaTools,
    sections: assembled.sections,
    tokens: assembled.tokens,
    droppedMessageIds: assembled.truncated.droppedMessageIds,
    warnings: [...warnings, ...assembled.warnings],
    turns: assembled.messages,
  };
}

/**
 * Writes replies of conversations with a character, a user persona, lorebooks or macros in the
 * system prompt: the prompt is assembled (shared/personas) and fitted in the engine process with
 * the model's tokenizer, kept for the prompt inspector, and generated from. Other conversations,
 * and the tool loop and JSON mode, go to the inner planner; those get the assembled system turn.
 */
export class RoleplayReplies implements ReplyPlanner {
  constructor(private readonly options: RoleplayRepliesOptions) {}

  async run(stream: ReplyStream, conversation: Conversation, history: Message[]): Promise<Message> {
    const { source, inner, assemblies } = this.options;
    const setup = resolveSetup(source, conversation.id);
    if (!needsAssembly(setup, conversation)) return inner.run(stream, conversation, history);
    // Continuing a reply in place: the prompt must end with that reply, so no instructions after it.
    const continuing = history.at(-1)?.role === 'assistant';
    const assembled = await this.assemble(
      conversation,
      history,
      setup,
      continuing ? '' : undefined,
    );
    const sampling = samplingFor(conversation);
    if (this.options.usesTools(conversation.id)) {
      const system = assembled.messages[0]?.role === 'system' ? assembled.messages[0].content : '';
      assemblies.set(stream.message.id, toRecord(assembled, [...setup.warnings, TOOLS_NOTE], true));
      return inner.run(stream, { ...conversation, systemPrompt: system }, history);
    }
    assemblies.set(stream.message.id, toRecord(assembled, setup.warnings));
    const result = await stream.generate(assembled.messages, sampling);
    return stream.complete(result);
  }

  decorate(messages: Message[]): Message[] {
    return this.options.inner.decorate(messages);
  }

  /** The prompt for the next reply after `history`, with the setup's pieces. */
  async assemble(
    conversation: Conversation,
    history: readonly Message[],
    setup: RoleplaySetup,
    postHistoryOverride?: string,
  ): Promise<AssembledPrompt> {
    const { engine } = this.options;
    const contextSize = engine.status.model?.contextSize ?? 0;
    return engine.assemblePrompt(
      assembleParams({
        conversation,
        history,
        setup,
        sampling: samplingFor(conversation),
        contextSize,
        now: (this.options.now ?? Date.now)(),
        timeZone: this.options.timeZone,
        postHistoryOverride,
      }),
    );
  }
}

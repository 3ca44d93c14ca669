import type { Conversation, Message } from '../../../shared/contract/types';
import type { AssembledPrompt } from '../../../shared/personas';
import { samplingFor } from '../chat/replies';
import type { EngineHost } from '../engine/EngineHost';
import { assembleParams, needsAssembly, resolveSetup, type RoleplaySetup } from './roleplayInput';
import type { RoleplaySource, StoredAssembly } from './RoleplaySource';

export interface RoleplayPromptsOptions {
  engine: EngineHost;
  source: RoleplaySource;
  now?: () => number;
  timeZone?: string;
}

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
 * The prompts of conversations with a character, a user persona, lorebooks or macros in the
 * system prompt: assembled (shared/personas) and fitted in the engine process with the model's
 * tokenizer. The reply planner (chat/ConversationReplies) and the impersonator use it.
 */
export class RoleplayPrompts {
  constructor(private readonly options: RoleplayPromptsOptions) {}

  /** The conversation's setup when its prompt must be assembled; null for a plain prompt. */
  setupFor(conversation: Conversation): RoleplaySetup | null {
    const setup = resolveSetup(this.options.source, conversation.id);
    return needsAssembly(setup, conversation) ? setup : null;
  }

  /** The setup of a conversation, whether or not it needs assembly (impersonation). */
  resolve(conversationId: string): RoleplaySetup {
    return resolveSetup(this.options.source, conversationId);
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

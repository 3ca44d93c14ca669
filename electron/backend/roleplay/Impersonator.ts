import { TalariaError } from '../../../shared/contract/errors';
import type { TalariaEvents } from '../../../shared/contract';
import type { Conversation, Message } from '../../../shared/contract/types';
import type { EngineHost } from '../engine/EngineHost';
import { samplingFor } from '../chat/replies';
import type { RoleplayPrompts } from './RoleplayPrompts';

/**
 * SillyTavern's impersonation prompt: the last thing the model reads, so the reply it writes is
 * the user's next line rather than the character's.
 */
export const IMPERSONATION_PROMPT =
  "[Write your next reply from the point of view of {{user}}, using the chat history so far as a guideline for the writing style of {{user}}. Don't write as {{char}} or system. Don't describe actions of {{char}}.]";

/** Impersonated lines are short; a long max-tokens setting would only let the model ramble. */
const MAX_IMPERSONATION_TOKENS = 400;

export interface ImpersonatorOptions {
  engine: EngineHost;
  prompts: RoleplayPrompts;
  emit: <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;
}

/** The model sometimes starts with the speaker's name, as in the example dialogues. */
export function cleanDraft(text: string, userName: string): string {
  const trimmed = text.trim();
  const prefix = `${userName}:`;
  return trimmed.toLowerCase().startsWith(prefix.toLowerCase())
    ? trimmed.slice(prefix.length).trimStart()
    : trimmed;
}

/** Drafts the user's next line in the persona's voice; nothing is stored. */
export class Impersonator {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly options: ImpersonatorOptions) {}

  async draft(conversation: Conversation, history: Message[]): Promise<string> {
    if (this.running.has(conversation.id)) {
      throw new TalariaError('BUSY', 'A line is already being drafted for this chat.');
    }
    const { engine, prompts, emit } = this.options;
    const controller = new AbortController();
    this.running.set(conversation.id, controller);
    const conversationId = conversation.id;
    try {
      const setup = prompts.resolve(conversationId);
      const userName = setup.persona?.name ?? 'User';
      const assembled = await prompts.assemble(conversation, history, setup, IMPERSONATION_PROMPT);
      const sampling = samplingFor(conversation);
      let text = '';
      const result = await engine.generate(
        assembled.messages,
        { ...sampling, maxTokens: Math.min(sampling.maxTokens, MAX_IMPERSONATION_TOKENS) },
        {
          signal: controller.signal,
          onText: (chunk) => {
            text += chunk;
            emit('chat.impersonation', {
              conversationId,
              text: cleanDraft(text, userName),
              done: false,
            });
          },
        },
      );
      const draft = cleanDraft(result.text, userName);
      emit('chat.impersonation', { conversationId, text: draft, done: true });
      return draft;
    } finally {
      this.running.delete(conversationId);
    }
  }

  stop(conversationId: string): boolean {
    const controller = this.running.get(conversationId);
    controller?.abort();
    return controller !== undefined;
  }

  stopAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}

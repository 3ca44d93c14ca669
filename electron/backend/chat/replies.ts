import {
  HERMES_DEFAULT_SAMPLING,
  type Conversation,
  type Message,
  type SamplingParams,
} from '../../../shared/contract/types';
import type { HermesMessage } from '../../../shared/hermes';
import type { ReplyStream } from './ReplyStream';

/** Writes the reply to a conversation; the tool loop and JSON mode plug in here. */
export interface ReplyPlanner {
  /** Writes the reply (possibly several messages); resolves with the final assistant message. */
  run(stream: ReplyStream, conversation: Conversation, history: Message[]): Promise<Message>;
  /** Attaches what the planner keeps beside messages (tool calls, JSON results). */
  decorate(messages: Message[]): Message[];
}

export function samplingFor(conversation: Conversation): SamplingParams {
  return { ...HERMES_DEFAULT_SAMPLING, ...conversation.sampling };
}

/** The plain chat prompt: the system prompt, then every turn with something in it. */
export function plainTurns(conversation: Conversation, history: Message[]): HermesMessage[] {
  const turns: HermesMessage[] = [];
  if (conversation.systemPrompt.trim()) {
    turns.push({ role: 'system', content: conversation.systemPrompt });
  }
  for (const m of history) {
    if (m.content || m.role === 'user') turns.push({ role: m.role, content: m.content });
  }
  return turns;
}

/** One generation, no tools. */
export class PlainReplies implements ReplyPlanner {
  async run(stream: ReplyStream, conversation: Conversation, history: Message[]): Promise<Message> {
    const result = await stream.generate(
      plainTurns(conversation, history),
      samplingFor(conversation),
    );
    return stream.complete(result);
  }

  decorate(messages: Message[]): Message[] {
    return messages;
  }
}

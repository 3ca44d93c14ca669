import {
  HERMES_DEFAULT_SAMPLING,
  type Conversation,
  type Message,
  type SamplingParams,
} from '../../../shared/contract/types';
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

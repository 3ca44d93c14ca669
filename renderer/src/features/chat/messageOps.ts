import type { StreamStart } from '../../../../shared/contract';
import type { Message } from '../../../../shared/contract/types';

/**
 * Places the messages a stream start returns into the shown branch: everything after the
 * message they follow is cut (a regenerated reply replaces the old one, which stays on the
 * server as a sibling branch), then the new user and assistant messages are appended.
 */
export function placeStreamStart(messages: Message[], start: StreamStart): Message[] {
  const added = start.userMessage
    ? [start.userMessage, start.assistantMessage]
    : [start.assistantMessage];
  const known = new Set(added.map((m) => m.id));
  const rest = messages.filter((m) => !known.has(m.id));
  const anchorId = added[0]!.parentId;
  if (anchorId === null) return added;
  const anchor = rest.findIndex((m) => m.id === anchorId);
  return [...(anchor < 0 ? rest : rest.slice(0, anchor + 1)), ...added];
}

/** Swaps in the authoritative version of a message; false when it is not in the list. */
export function replaceMessage(
  messages: Message[],
  message: Message,
): { messages: Message[]; found: boolean } {
  const index = messages.findIndex((m) => m.id === message.id);
  if (index < 0) return { messages, found: false };
  const next = messages.slice();
  next[index] = message;
  return { messages: next, found: true };
}

/** The assistant message a Regenerate button belongs to: the last message, when it is one. */
export function regenerableMessageId(messages: Message[]): string | null {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'assistant' || last.status === 'streaming') return null;
  return last.id;
}

/** A reply that stopped early can be continued: stopped, interrupted or cut by max tokens. */
export function canContinue(message: Message): boolean {
  if (message.role !== 'assistant' || !message.content.trim()) return false;
  if (message.status === 'aborted' || message.status === 'interrupted') return true;
  return message.status === 'complete' && message.stats?.stopReason === 'maxTokens';
}

import type { StoreApi } from 'zustand/vanilla';
import type {
  ChatMessageEvent,
  ToolCallEvent,
  ToolCallRecord,
} from '../../../../shared/contract/tools';
import type { Message } from '../../../../shared/contract/types';

/** The part of the chat store the tool events change. */
export interface ToolEventTarget {
  conversationId: string | null;
  messages: Message[];
  streams: Record<string, { streamId: string; messageId: string; text: string }>;
}

/** The branch with `call` put on its message (replacing the card with the same id); null when
 * the message is not in the branch. */
export function upsertCall(messages: Message[], call: ToolCallRecord): Message[] | null {
  const at = messages.findIndex((m) => m.id === call.messageId);
  if (at < 0) return null;
  const message = messages[at]!;
  const calls = message.toolCalls ?? [];
  const known = calls.findIndex((c) => c.id === call.id);
  const next =
    known >= 0
      ? calls.map((c, i) => (i === known ? call : c))
      : [...calls, call].sort((a, b) => a.depth - b.depth || a.index - b.index);
  const out = messages.slice();
  out[at] = { ...message, toolCalls: next };
  return out;
}

/**
 * The branch with `message` in it: a known message is replaced (its cards kept when the event
 * carries none); a new one goes after its parent and becomes the end of the branch. Null when
 * neither the message nor its parent is in the branch.
 */
export function upsertMessage(messages: Message[], message: Message): Message[] | null {
  const at = messages.findIndex((m) => m.id === message.id);
  if (at >= 0) {
    const old = messages[at]!;
    const out = messages.slice();
    out[at] = {
      ...message,
      ...(message.toolCalls === undefined && old.toolCalls && { toolCalls: old.toolCalls }),
    };
    return out;
  }
  const parent = messages.findIndex((m) => m.id === message.parentId);
  if (parent < 0) return null;
  return [...messages.slice(0, parent + 1), message];
}

/** Folds `chat.toolCall` into the shown branch. */
export function applyToolCallEvent<S extends ToolEventTarget>(
  store: StoreApi<S>,
  event: ToolCallEvent,
): void {
  const state = store.getState();
  if (state.conversationId !== event.conversationId) return;
  const messages = upsertCall(state.messages, event.call);
  if (messages) store.setState({ messages } as Partial<S>);
}

/**
 * Folds `chat.message` into the shown branch and points the running stream at the message it is
 * now writing, so later `chat.delta` events for it append to its text: the next step of a tool
 * loop (a new message, status 'streaming'), or a JSON-mode retry, which starts the same message
 * over (its text emptied while the stream goes on; it is shown as being written again).
 */
export function applyMessageEvent<S extends ToolEventTarget>(
  store: StoreApi<S>,
  event: ChatMessageEvent,
): void {
  const state = store.getState();
  const patch: Partial<ToolEventTarget> = {};
  const stream = state.streams[event.streamId];
  const { message } = event;
  const restarted = stream?.messageId === message.id && message.content === '';
  const writing = stream !== undefined && (message.status === 'streaming' || restarted);
  if (stream && writing) {
    patch.streams = {
      ...state.streams,
      [event.streamId]: { ...stream, messageId: message.id, text: message.content },
    };
  }
  if (state.conversationId === event.conversationId) {
    const shown: Message = writing ? { ...message, status: 'streaming' } : message;
    const messages = upsertMessage(state.messages, shown);
    if (messages) patch.messages = messages;
  }
  if (patch.messages || patch.streams) store.setState(patch as Partial<S>);
}

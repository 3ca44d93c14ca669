import { applyMessageEvent, applyToolCallEvent } from '../features/tools/toolEvents';
import type { Stores } from './stores';

/** Routes the backend's events into the stores; returns the unsubscribe function. */
export function wireEvents(stores: Stores): () => void {
  const { client, chat, conversations, models, roleplay } = stores;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const offs = [
    client.on('chat.delta', (data) => chat.getState().receive({ kind: 'delta', data })),
    client.on('chat.done', (data) => chat.getState().receive({ kind: 'done', data })),
    client.on('chat.error', (data) => chat.getState().receive({ kind: 'error', data })),
    client.on('chat.toolCall', (data) => applyToolCallEvent(chat, data)),
    client.on('chat.message', (data) => applyMessageEvent(chat, data)),
    client.on('chat.impersonation', (data) => roleplay.getState().onImpersonation(data)),
    client.on('personas.changed', ({ kind }) => roleplay.getState().onChanged(kind)),
    client.on('engine.status', (status) => models.getState().setStatus(status)),
    client.on('conversations.changed', ({ id, deleted }) => {
      if (deleted) chat.getState().conversationDeleted(id);
      else if (id === chat.getState().conversationId) void roleplay.getState().loadCast(id);
      // Several changes often come together (create, then auto-title): refresh once.
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void conversations.getState().refresh(), 50);
    }),
    // The cast (names, avatars, impersonation) follows the conversation in the chat pane.
    chat.subscribe((state, previous) => {
      if (state.conversationId !== previous.conversationId) {
        void roleplay.getState().loadCast(state.conversationId);
      }
    }),
  ];
  void roleplay.getState().loadCast(chat.getState().conversationId);
  return () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    for (const off of offs) off();
  };
}

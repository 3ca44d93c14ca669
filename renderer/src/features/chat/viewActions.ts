import type { StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';
import { branchMap } from './branches';
import type { ChatState } from './chatStore';

type ViewActions = Pick<
  ChatState,
  'applyView' | 'refreshBranches' | 'setFocus' | 'setConversation'
>;

/** The chat store's actions around what the pane shows: branch views, focus and settings. */
export function viewActions(
  client: TalariaClient,
  set: StoreApi<ChatState>['setState'],
  get: StoreApi<ChatState>['getState'],
): ViewActions {
  return {
    applyView(view) {
      if (get().conversationId !== view.conversation.id) return;
      set({
        messages: view.messages,
        conversation: view.conversation,
        branches: branchMap(view.branches),
      });
    },

    async refreshBranches() {
      const id = get().conversationId;
      if (!id) return;
      try {
        const { branches } = await client.request('conversations.branches', { id });
        if (get().conversationId === id) set({ branches: branchMap(branches) });
      } catch {
        // The conversation went away; the next open shows the truth.
      }
    },

    setFocus: (messageId) =>
      set((s) => ({ focus: messageId ? { messageId, tick: (s.focus?.tick ?? 0) + 1 } : null })),

    setConversation(conversation) {
      if (get().conversationId === conversation.id) set({ conversation });
    },
  };
}

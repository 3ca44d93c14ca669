import type { TalariaClient } from '../../../../shared/contract/client';
import { toShownError } from '../../components/errors';
import type { ConversationsStore } from '../conversations/conversationsStore';
import type { ChatStore } from './chatStore';

/** The per-message actions: each one a request plus the state change it causes. */
export interface MessageActions {
  /** Edit a user message and resend it as a new branch. */
  edit(messageId: string, content: string): Promise<boolean>;
  /** Continue the last reply in place. */
  continueReply(): Promise<void>;
  /** Delete a message and every reply below it. */
  remove(messageId: string): Promise<void>;
  /** Show another branch (‹ n/m ›). */
  showBranch(messageId: string): Promise<void>;
  /** Open a conversation at a message (search hits), switching branches when needed. */
  reveal(conversationId: string, messageId: string): Promise<void>;
  /** Start a new conversation from the branch up to this message; returns its id. */
  fork(messageId: string): Promise<string | null>;
}

export function createMessageActions(
  client: TalariaClient,
  chat: ChatStore,
  conversations: ConversationsStore,
): MessageActions {
  const fail = (error: unknown): void => chat.setState({ error: toShownError(error) });

  return {
    async edit(messageId, content) {
      const conversationId = chat.getState().conversationId;
      if (!conversationId || !content.trim()) return false;
      return chat
        .getState()
        .start(conversationId, () => client.request('chat.edit', { messageId, content }));
    },

    async continueReply() {
      const conversationId = chat.getState().conversationId;
      if (!conversationId) return;
      await chat
        .getState()
        .start(conversationId, () => client.request('chat.continue', { conversationId }));
    },

    async remove(messageId) {
      try {
        chat.getState().applyView(await client.request('messages.delete', { messageId }));
        void conversations.getState().refresh();
      } catch (error) {
        fail(error);
      }
    },

    async showBranch(messageId) {
      try {
        chat.getState().applyView(await client.request('messages.reveal', { messageId }));
      } catch (error) {
        fail(error);
      }
    },

    async reveal(conversationId, messageId) {
      const state = chat.getState();
      if (state.conversationId !== conversationId) await state.open(conversationId);
      if (!chat.getState().messages.some((m) => m.id === messageId)) {
        await this.showBranch(messageId);
      }
      chat.getState().setFocus(messageId);
    },

    async fork(messageId) {
      try {
        const conversation = await client.request('conversations.fork', { messageId });
        await conversations.getState().refresh();
        await chat.getState().open(conversation.id);
        return conversation.id;
      } catch (error) {
        fail(error);
        return null;
      }
    },
  };
}

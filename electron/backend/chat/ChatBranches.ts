import type { StreamStart, TalariaEvents } from '../../../shared/contract';
import type { ConversationView } from '../../../shared/contract';
import { TalariaError } from '../../../shared/contract/errors';
import { BranchRepository } from '../store/BranchRepository';
import type { Store } from '../store';
import type { ChatService } from './ChatService';

export interface ChatBranchesOptions {
  store: Store;
  chat: ChatService;
  emit: <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) => void;
}

/**
 * The message actions that move around the conversation tree: edit and resend (a sibling user
 * message), continue a reply in place, delete a subtree, and show another branch.
 */
export class ChatBranches {
  private readonly branches: BranchRepository;

  constructor(private readonly options: ChatBranchesOptions) {
    this.branches = new BranchRepository(options.store.db);
  }

  /** The shown branch (or its last `last` messages) with the places it can branch. */
  view(conversationId: string, last?: number): ConversationView & { complete: boolean } {
    return this.options.store.db.transaction(() => {
      const conversation = this.options.store.conversations.get(conversationId);
      if (!conversation) throw new TalariaError('NOT_FOUND', 'That conversation does not exist.');
      const tail =
        last === undefined
          ? { messages: this.options.store.messages.activePath(conversationId), complete: true }
          : this.branches.activeTail(conversationId, last);
      return { conversation, ...tail, branches: this.branches.groups(conversationId) };
    })();
  }

  /** Where a conversation branches. */
  groups(conversationId: string): ConversationView['branches'] {
    if (!this.options.store.conversations.get(conversationId)) {
      throw new TalariaError('NOT_FOUND', 'That conversation does not exist.');
    }
    return this.branches.groups(conversationId);
  }

  reveal(messageId: string): ConversationView {
    return this.view(this.branches.reveal(messageId));
  }

  /** Writes the edited text as a sibling of `messageId`, then streams the reply to it. */
  edit(messageId: string, content: string): StreamStart {
    const { messages } = this.options.store;
    const original = messages.get(messageId);
    if (!original) throw new TalariaError('NOT_FOUND', 'That message does not exist any more.');
    if (original.role !== 'user') {
      throw new TalariaError('INVALID_INPUT', 'Only your own messages can be edited and resent.');
    }
    const conversation = this.options.chat.prepareReply(original.conversationId);
    const history = original.parentId ? messages.pathTo(original.parentId) : [];
    const userMessage = messages.insert({
      conversationId: conversation.id,
      parentId: original.parentId,
      role: 'user',
      content,
      status: 'complete',
    });
    return {
      ...this.options.chat.startReply(conversation, [...history, userMessage]),
      userMessage,
    };
  }

  /** Continues the last reply of the shown branch in place. */
  continueReply(conversationId: string): StreamStart {
    const conversation = this.options.chat.prepareReply(conversationId);
    const path = this.options.store.messages.activePath(conversationId);
    const last = path.at(-1);
    if (!last || last.role !== 'assistant') {
      throw new TalariaError('INVALID_INPUT', 'There is no reply to continue: send a message.');
    }
    if (!last.content.trim()) {
      throw new TalariaError('INVALID_INPUT', 'That reply is empty: regenerate it instead.');
    }
    return { ...this.options.chat.startReply(conversation, path, last), userMessage: null };
  }

  /**
   * Deletes a message and its replies. When the shown branch ran through it, the next sibling
   * (or the previous one) is shown instead, else the parent.
   */
  deleteMessage(messageId: string): ConversationView {
    const { store, chat } = this.options;
    const message = store.messages.get(messageId);
    if (!message) throw new TalariaError('NOT_FOUND', 'That message does not exist any more.');
    if (chat.streamOf(message.conversationId)) {
      throw new TalariaError('BUSY', 'Stop the reply being written before deleting messages.');
    }
    const conversationId = message.conversationId;
    store.db.transaction(() => {
      const shown = this.branches.activeIds(conversationId).has(messageId);
      const siblings = this.branches.siblingsOf(conversationId, message.parentId);
      const index = siblings.indexOf(messageId);
      store.messages.delete(messageId);
      if (!shown) return;
      const rest = siblings.filter((id) => id !== messageId);
      const next = rest[index] ?? rest[index - 1];
      if (next) this.branches.setActiveLeaf(conversationId, this.branches.newestLeafUnder(next));
    })();
    this.options.emit('conversations.changed', { id: conversationId });
    return this.view(conversationId);
  }
}

import type { ChatExtrasMethods, ConversationView } from '../../../shared/contract/chatExtras';
import type { Message } from '../../../shared/contract/types';
import type { Handlers } from '../../../shared/rpc/types';
import { ChatBranches } from '../chat/ChatBranches';
import { ImportExportService } from '../chat/transfer/ImportExportService';
import { SearchRepository } from '../store/SearchRepository';
import type { BackendContext } from './context';

export interface ChatExtrasHandlerOptions {
  /** Attaches what other features keep beside messages (tool calls, JSON results). */
  decorate?: (messages: Message[]) => Message[];
}

/** Branches, message actions, the paged sidebar, search, export and import. */
export function createChatExtrasHandlers(
  ctx: BackendContext,
  options: ChatExtrasHandlerOptions = {},
): Handlers<ChatExtrasMethods> {
  const { store, chat, emit } = ctx;
  const branches = new ChatBranches({ store, chat, emit });
  const search = new SearchRepository(store.db);
  const transfer = new ImportExportService({ store });
  const decorated = <T extends ConversationView>(view: T): T =>
    options.decorate ? { ...view, messages: options.decorate(view.messages) } : view;

  return {
    'conversations.page': async ({ limit, offset }) =>
      store.conversations.listPage({ limit, offset }),
    'conversations.pin': async ({ id, pinned }) => {
      store.conversations.setPinned(id, pinned);
      emit('conversations.changed', { id });
      return { ok: true };
    },
    'conversations.duplicate': async ({ id, title }) => {
      const copy = store.conversations.duplicate(id, { title });
      emit('conversations.changed', { id: copy.id });
      return copy;
    },
    'conversations.fork': async ({ messageId, title }) => {
      const fork = store.conversations.fork(messageId, { title });
      emit('conversations.changed', { id: fork.id });
      return fork;
    },
    'conversations.view': async ({ id, last }) => decorated(branches.view(id, last)),
    'conversations.branches': async ({ id }) => ({ branches: branches.groups(id) }),
    'conversations.search': async ({ query, limit, offset, order }) => ({
      hits: search.search(query, { limit, offset, order }),
    }),
    'conversations.export': async ({ id, all, format = 'json' }) =>
      all ? transfer.exportAll(format) : transfer.exportConversation(id ?? '', format),
    'conversations.import': async ({ text }) => {
      const result = transfer.importText(text);
      // One refresh is enough for the sidebar, however many conversations came in.
      const first = result.conversationIds[0];
      if (first) emit('conversations.changed', { id: first });
      return result;
    },
    'messages.reveal': async ({ messageId }) => decorated(branches.reveal(messageId)),
    'messages.delete': async ({ messageId }) => decorated(branches.deleteMessage(messageId)),
    'chat.edit': async ({ messageId, content }) => branches.edit(messageId, content),
    'chat.continue': async ({ conversationId }) => branches.continueReply(conversationId),
  };
}

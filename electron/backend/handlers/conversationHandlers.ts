import type { ConversationMethods, ConversationView } from '../../../shared/contract';
import { DEFAULT_CONVERSATION_PAGE } from '../../../shared/contract';
import { notFound } from '../../../shared/contract/errors';
import type { Conversation } from '../../../shared/contract/types';
import type { Handlers } from '../../../shared/rpc/types';
import type { BackendContext } from './context';

/** The sidebar, opening a conversation, its settings, branches, search, export and import. */
export function createConversationHandlers(ctx: BackendContext): Handlers<ConversationMethods> {
  const { store, chat, emit, branches, search, transfer, decorate } = ctx;
  const conversationOrThrow = (id: string): Conversation => {
    const conversation = store.conversations.get(id);
    if (!conversation) throw notFound('conversation', id);
    return conversation;
  };
  // Messages go out with what other features keep beside them (tool calls, JSON results).
  const decorated = <T extends ConversationView>(view: T): T => ({
    ...view,
    messages: decorate(view.messages),
  });

  return {
    'conversations.list': async ({ limit = DEFAULT_CONVERSATION_PAGE, offset }) =>
      store.conversations.listPage({ limit, offset }),
    'conversations.create': async (params) => {
      const created = store.conversations.create(params);
      // Without a system prompt of its own a chat starts from the default preset: the loaded
      // model's, else the default of all chats.
      const presetId =
        params.systemPrompt === undefined
          ? ctx.personas.presets.getDefault(loadedModelId(ctx))
          : null;
      if (presetId) ctx.personas.roleplay.set({ conversationId: created.id, presetId });
      emit('conversations.changed', { id: created.id });
      return presetId ? (store.conversations.get(created.id) ?? created) : created;
    },
    'conversations.get': async ({ id, last }) => decorated(branches.view(id, last)),
    'conversations.rename': async ({ id, title }) => {
      conversationOrThrow(id);
      const conversation = store.conversations.rename(id, title);
      emit('conversations.changed', { id });
      return conversation;
    },
    'conversations.update': async ({ id, systemPrompt, sampling }) => {
      conversationOrThrow(id);
      const conversation = store.conversations.update(id, { systemPrompt, sampling });
      emit('conversations.changed', { id });
      return conversation;
    },
    'conversations.delete': async ({ id }) => {
      conversationOrThrow(id);
      await chat.stopConversation(id);
      store.conversations.delete(id);
      emit('conversations.changed', { id, deleted: true });
      return { ok: true };
    },
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
  };
}

function loadedModelId(ctx: BackendContext): string | undefined {
  const path = ctx.engine.status.model?.path;
  return path ? (ctx.library.idForPath(path) ?? undefined) : undefined;
}

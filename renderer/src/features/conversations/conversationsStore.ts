import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { Conversation, ConversationSummary } from '../../../../shared/contract/types';
import { toShownError, type ShownError } from '../../components/errors';

export interface ConversationsState {
  items: ConversationSummary[];
  loaded: boolean;
  /** The conversation shown in the main pane (mirrors the chat store). */
  selectedId: string | null;
  /** The row whose title is being edited inline. */
  editingId: string | null;
  /** The conversation waiting for delete confirmation. */
  confirmDeleteId: string | null;
  error: ShownError | null;
  refresh(): Promise<void>;
  create(): Promise<Conversation>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
  setSelected(id: string | null): void;
  startEditing(id: string | null): void;
  askDelete(id: string | null): void;
  clearError(): void;
}

export type ConversationsStore = StoreApi<ConversationsState>;

function summaryOf(c: Conversation): ConversationSummary {
  return {
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    messageCount: 0,
    preview: '',
  };
}

export function createConversationsStore(client: TalariaClient): ConversationsStore {
  // Overlapping refreshes resolve out of order; only the newest may write.
  let refreshTicket = 0;
  return createStore<ConversationsState>()((set, get) => ({
    items: [],
    loaded: false,
    selectedId: null,
    editingId: null,
    confirmDeleteId: null,
    error: null,

    async refresh() {
      const ticket = ++refreshTicket;
      try {
        const { conversations } = await client.request('conversations.list', {});
        if (ticket === refreshTicket) set({ items: conversations, loaded: true });
      } catch (error) {
        if (ticket === refreshTicket) set({ error: toShownError(error), loaded: true });
      }
    },

    async create() {
      const conversation = await client.request('conversations.create', {});
      set((s) => ({
        items: [summaryOf(conversation), ...s.items.filter((i) => i.id !== conversation.id)],
      }));
      void get().refresh();
      return conversation;
    },

    async rename(id, title) {
      const trimmed = title.trim();
      set({ editingId: null });
      const before = get().items.find((i) => i.id === id);
      if (!trimmed || !before || before.title === trimmed) return;
      set((s) => ({ items: s.items.map((i) => (i.id === id ? { ...i, title: trimmed } : i)) }));
      try {
        await client.request('conversations.rename', { id, title: trimmed });
      } catch (error) {
        set((s) => ({
          error: toShownError(error),
          items: s.items.map((i) => (i.id === id ? { ...i, title: before.title } : i)),
        }));
      }
    },

    async remove(id) {
      set({ confirmDeleteId: null });
      try {
        await client.request('conversations.delete', { id });
        set((s) => ({ items: s.items.filter((i) => i.id !== id) }));
      } catch (error) {
        set({ error: toShownError(error) });
      }
    },

    setSelected: (id) => set({ selectedId: id }),
    startEditing: (id) => set({ editingId: id }),
    askDelete: (id) => set({ confirmDeleteId: id }),
    clearError: () => set({ error: null }),
  }));
}

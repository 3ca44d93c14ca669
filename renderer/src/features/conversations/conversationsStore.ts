import { createStore, type StoreApi } from 'zustand/vanilla';
import { MAX_PAGE_LIMIT, type ConversationListEntry } from '../../../../shared/contract';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { Conversation } from '../../../../shared/contract/types';
import { toShownError, type ShownError } from '../../components/errors';

/** How long a deleted conversation can be brought back before it is really deleted. */
export const UNDO_DELETE_MS = 5000;

/**
 * The sidebar loads every summary, a bounded page per request, and virtualizes the rows
 * (5,000+ is fine); it stops after SIDEBAR_MAX.
 */
const PAGE_LIMIT = MAX_PAGE_LIMIT;
const SIDEBAR_MAX = 10_000;

export interface PendingDelete {
  id: string;
  title: string;
}

export interface ConversationsState {
  items: ConversationListEntry[];
  loaded: boolean;
  /** The conversation shown in the main pane (mirrors the chat store). */
  selectedId: string | null;
  /** The row whose title is being edited inline. */
  editingId: string | null;
  /** Deleted but still undoable: hidden from the list until the real delete runs. */
  pendingDelete: PendingDelete | null;
  error: ShownError | null;
  refresh(): Promise<void>;
  create(): Promise<Conversation>;
  rename(id: string, title: string): Promise<void>;
  pin(id: string, pinned: boolean): Promise<void>;
  duplicate(id: string): Promise<Conversation | null>;
  /** Hides the conversation now and deletes it after UNDO_DELETE_MS unless undone. */
  removeWithUndo(id: string): void;
  undoRemove(): void;
  /** Runs a pending delete at once (e.g. before another one starts). */
  flushRemove(): Promise<void>;
  setSelected(id: string | null): void;
  startEditing(id: string | null): void;
  clearError(): void;
}

export type ConversationsStore = StoreApi<ConversationsState>;

function entryOf(c: Conversation): ConversationListEntry {
  return {
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    messageCount: 0,
    preview: '',
    pinned: false,
  };
}

/** The rows to show: everything except a conversation waiting for its undoable delete. */
export function visibleItems(
  state: Pick<ConversationsState, 'items' | 'pendingDelete'>,
): ConversationListEntry[] {
  const hidden = state.pendingDelete?.id;
  return hidden ? state.items.filter((i) => i.id !== hidden) : state.items;
}

export function createConversationsStore(client: TalariaClient): ConversationsStore {
  // Overlapping refreshes resolve out of order; only the newest may write.
  let refreshTicket = 0;
  let deleteTimer: ReturnType<typeof setTimeout> | null = null;

  return createStore<ConversationsState>()((set, get) => {
    const fail = (error: unknown): void => set({ error: toShownError(error) });
    const patch = (id: string, change: Partial<ConversationListEntry>): void =>
      set((s) => ({ items: s.items.map((i) => (i.id === id ? { ...i, ...change } : i)) }));

    return {
      items: [],
      loaded: false,
      selectedId: null,
      editingId: null,
      pendingDelete: null,
      error: null,

      async refresh() {
        const ticket = ++refreshTicket;
        try {
          const items: ConversationListEntry[] = [];
          for (let total = Infinity; items.length < Math.min(total, SIDEBAR_MAX);) {
            const page = await client.request('conversations.list', {
              limit: PAGE_LIMIT,
              offset: items.length,
            });
            if (page.conversations.length === 0) break;
            items.push(...page.conversations);
            total = page.total;
          }
          if (ticket === refreshTicket) set({ items, loaded: true });
        } catch (error) {
          if (ticket === refreshTicket) set({ error: toShownError(error), loaded: true });
        }
      },

      async create() {
        const conversation = await client.request('conversations.create', {});
        set((s) => ({
          items: [entryOf(conversation), ...s.items.filter((i) => i.id !== conversation.id)],
        }));
        void get().refresh();
        return conversation;
      },

      async rename(id, title) {
        const trimmed = title.trim();
        set({ editingId: null });
        const before = get().items.find((i) => i.id === id);
        if (!trimmed || !before || before.title === trimmed) return;
        patch(id, { title: trimmed });
        try {
          await client.request('conversations.rename', { id, title: trimmed });
        } catch (error) {
          patch(id, { title: before.title });
          fail(error);
        }
      },

      async pin(id, pinned) {
        patch(id, { pinned });
        try {
          await client.request('conversations.pin', { id, pinned });
          void get().refresh();
        } catch (error) {
          patch(id, { pinned: !pinned });
          fail(error);
        }
      },

      async duplicate(id) {
        try {
          const copy = await client.request('conversations.duplicate', { id });
          await get().refresh();
          return copy;
        } catch (error) {
          fail(error);
          return null;
        }
      },

      removeWithUndo(id) {
        void get().flushRemove();
        const item = get().items.find((i) => i.id === id);
        set({ pendingDelete: { id, title: item?.title ?? 'Untitled' } });
        deleteTimer = setTimeout(() => void get().flushRemove(), UNDO_DELETE_MS);
      },

      undoRemove() {
        if (deleteTimer) clearTimeout(deleteTimer);
        deleteTimer = null;
        set({ pendingDelete: null });
      },

      async flushRemove() {
        const pending = get().pendingDelete;
        if (deleteTimer) clearTimeout(deleteTimer);
        deleteTimer = null;
        if (!pending) return;
        set({ pendingDelete: null });
        set((s) => ({ items: s.items.filter((i) => i.id !== pending.id) }));
        try {
          await client.request('conversations.delete', { id: pending.id });
        } catch (error) {
          fail(error);
          void get().refresh();
        }
      },

      setSelected: (id) => set({ selectedId: id }),
      startEditing: (id) => set({ editingId: id }),
      clearError: () => set({ error: null }),
    };
  });
}

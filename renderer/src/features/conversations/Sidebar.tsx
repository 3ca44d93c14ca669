import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useChat, useConversations, useStores } from '../../app/stores';
import { Button, IconButton, Kbd } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Logo } from '../../components/Logo';
import { MOD_KEY as MOD } from '../../components/shortcuts';
import { useNow } from '../../components/useNow';
import { visibleItems } from './conversationsStore';
import { ConversationRow } from './ConversationRow';
import { sidebarRows } from './sidebarRows';
import { pickAndImport } from './transfer';
import { useNewChat } from './useNewChat';

const HEADER_PX = 30;
const ITEM_PX = 52;

function EmptyList() {
  const stores = useStores();
  return (
    <div className="mx-3 mt-2 rounded-lg border border-dashed border-line-strong/70 px-3 py-5 text-center">
      <Icon name="chat" size={18} className="mx-auto text-subtle" />
      <p className="mt-2 text-[13px] font-medium text-fg">No chats yet</p>
      <p className="mt-0.5 text-xs text-subtle">
        Start one with New chat, or bring your history in.
      </p>
      <Button
        variant="ghost"
        size="sm"
        className="mt-2"
        data-testid="empty-import"
        onClick={() => pickAndImport(stores)}
      >
        <Icon name="upload" size={13} />
        Import chats…
      </Button>
    </div>
  );
}

/** Conversations grouped by date (pinned first), virtualized: 5,000 rows stay instant. */
export function Sidebar() {
  const stores = useStores();
  const { conversations, chat, ui } = stores;
  const allItems = useConversations((s) => s.items);
  const pendingDelete = useConversations((s) => s.pendingDelete);
  const items = useMemo(
    () => visibleItems({ items: allItems, pendingDelete }),
    [allItems, pendingDelete],
  );
  const loaded = useConversations((s) => s.loaded);
  const selectedId = useConversations((s) => s.selectedId);
  const editingId = useConversations((s) => s.editingId);
  const error = useConversations((s) => s.error);
  const streams = useChat((s) => s.streams);
  const newChat = useNewChat();
  const now = useNow(30_000);
  const streamingIds = new Set(Object.values(streams).map((s) => s.conversationId));
  const rows = useMemo(() => sidebarRows(items, now), [items, now]);
  const scrollRef = useRef<HTMLElement>(null);

  // Stable callbacks: the virtualizer recomputes every row's position when they change.
  const estimateSize = useCallback(
    (i: number) => (rows[i]?.kind === 'header' ? HEADER_PX : ITEM_PX),
    [rows],
  );
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const getScrollElement = useCallback(() => scrollRef.current, []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: 8,
    paddingEnd: 8,
  });

  // Bring a newly opened conversation into view (opened from search, the palette or a
  // shortcut) once; later list refreshes must not pull the reader back to it.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedId || revealed.current === selectedId) return;
    const index = rows.findIndex((r) => r.kind === 'item' && r.item.id === selectedId);
    if (index < 0) return;
    revealed.current = selectedId;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, rows, virtualizer]);

  const onSelect = useCallback((id: string) => void chat.getState().open(id), [chat]);
  const onStartEditing = useCallback(
    (id: string | null) => conversations.getState().startEditing(id),
    [conversations],
  );
  const onRename = useCallback(
    (id: string, title: string) => void conversations.getState().rename(id, title),
    [conversations],
  );

  return (
    <aside
      className="flex w-64 shrink-0 flex-col border-r border-line bg-panel"
      aria-label="Sidebar"
    >
      <div className="flex h-12 shrink-0 items-center gap-2.5 pr-2 pl-4">
        <Logo size={22} />
        <span className="flex-1 text-[15px] font-semibold tracking-tight">Talaria</span>
        <IconButton
          size="sm"
          aria-label="Hide the chat list"
          title={`Hide the chat list (${MOD}+B)`}
          data-testid="sidebar-toggle"
          onClick={() => ui.getState().toggleSidebar()}
        >
          <Icon name="sidebar" size={15} />
        </IconButton>
      </div>
      <div className="flex flex-col gap-1.5 px-3 pb-3">
        <Button
          variant="secondary"
          data-testid="new-chat"
          aria-label="New chat"
          title={`New chat (${MOD}+N or ${MOD}+Shift+O)`}
          onClick={() => void newChat()}
          className="w-full"
        >
          <Icon name="plus" size={14} />
          <span className="flex-1 text-left">New chat</span>
          <span className="flex gap-0.5">
            <Kbd>{MOD}</Kbd>
            <Kbd>N</Kbd>
          </span>
        </Button>
        <Button
          variant="ghost"
          data-testid="open-search"
          aria-label="Search messages"
          title={`Search every message (${MOD}+Shift+F)`}
          onClick={() => ui.getState().open('search')}
          className="w-full"
        >
          <Icon name="search" size={14} />
          <span className="flex-1 text-left">Search</span>
          <span className="flex gap-0.5">
            <Kbd>{MOD}</Kbd>
            <Kbd>Shift</Kbd>
            <Kbd>F</Kbd>
          </span>
        </Button>
      </div>
      {error && (
        <div
          role="alert"
          className="mx-3 mb-2 rounded-md bg-danger-soft px-2.5 py-2 text-xs text-danger"
        >
          {error.message}
          <button
            type="button"
            className="ml-2 underline"
            onClick={() => conversations.getState().clearError()}
          >
            Dismiss
          </button>
        </div>
      )}
      <nav
        ref={scrollRef}
        aria-label="Conversations"
        data-testid="conversation-list"
        className="min-h-0 flex-1 overflow-y-auto px-2"
      >
        {loaded && items.length === 0 ? (
          <EmptyList />
        ) : (
          <ul className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = rows[v.index];
              if (!row) return null;
              const style = { transform: `translateY(${v.start}px)`, height: v.size };
              if (row.kind === 'header') {
                return (
                  <li
                    key={v.key}
                    role="presentation"
                    style={style}
                    className="absolute top-0 left-0 flex w-full items-end px-2.5 pb-1.5 text-[11px] font-medium tracking-wide text-subtle uppercase"
                  >
                    <h2 data-testid="sidebar-group">{row.label}</h2>
                  </li>
                );
              }
              return (
                <ConversationRow
                  key={v.key}
                  style={style}
                  item={row.item}
                  selected={row.item.id === selectedId}
                  editing={row.item.id === editingId}
                  streaming={streamingIds.has(row.item.id)}
                  now={now}
                  onSelect={onSelect}
                  onStartEditing={onStartEditing}
                  onRename={onRename}
                />
              );
            })}
          </ul>
        )}
      </nav>
    </aside>
  );
}

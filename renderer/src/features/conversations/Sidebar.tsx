import { useCallback, useEffect, useState } from 'react';
import { useChat, useConversations, useStores } from '../../app/stores';
import { Button, Kbd } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Logo } from '../../components/Logo';
import { MOD_KEY as MOD } from '../../components/shortcuts';
import { ConversationRow } from './ConversationRow';
import { useNewChat } from './useNewChat';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function Sidebar() {
  const { conversations, chat } = useStores();
  const items = useConversations((s) => s.items);
  const loaded = useConversations((s) => s.loaded);
  const selectedId = useConversations((s) => s.selectedId);
  const editingId = useConversations((s) => s.editingId);
  const error = useConversations((s) => s.error);
  const streams = useChat((s) => s.streams);
  const newChat = useNewChat();
  const now = useNow(30_000);
  const streamingIds = new Set(Object.values(streams).map((s) => s.conversationId));

  const onSelect = useCallback((id: string) => void chat.getState().open(id), [chat]);
  const onStartEditing = useCallback(
    (id: string | null) => conversations.getState().startEditing(id),
    [conversations],
  );
  const onRename = useCallback(
    (id: string, title: string) => void conversations.getState().rename(id, title),
    [conversations],
  );
  const onAskDelete = useCallback(
    (id: string) => conversations.getState().askDelete(id),
    [conversations],
  );

  return (
    <aside
      className="flex w-64 shrink-0 flex-col border-r border-line bg-panel"
      aria-label="Sidebar"
    >
      <div className="flex h-12 shrink-0 items-center gap-2.5 px-4">
        <Logo size={22} />
        <span className="text-[15px] font-semibold tracking-tight">Talaria</span>
      </div>
      <div className="px-3 pb-3">
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
      </div>
      <div className="px-4 pb-1 text-[11px] font-medium tracking-wide text-subtle uppercase">
        Chats
      </div>
      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
        {error && (
          <div
            role="alert"
            className="mx-1 mb-2 rounded-md bg-danger-soft px-2.5 py-2 text-xs text-danger"
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
        {loaded && items.length === 0 ? (
          <div className="mx-1 mt-2 rounded-lg border border-dashed border-line-strong/70 px-3 py-5 text-center">
            <Icon name="chat" size={18} className="mx-auto text-subtle" />
            <p className="mt-2 text-[13px] font-medium text-fg">No chats yet</p>
            <p className="mt-0.5 text-xs text-subtle">Your conversations will appear here.</p>
          </div>
        ) : (
          <ul className="flex flex-col gap-px">
            {items.map((item) => (
              <ConversationRow
                key={item.id}
                item={item}
                selected={item.id === selectedId}
                editing={item.id === editingId}
                streaming={streamingIds.has(item.id)}
                now={now}
                onSelect={onSelect}
                onStartEditing={onStartEditing}
                onRename={onRename}
                onAskDelete={onAskDelete}
              />
            ))}
          </ul>
        )}
      </nav>
    </aside>
  );
}

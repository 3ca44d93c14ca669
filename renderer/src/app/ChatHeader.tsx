import { useConversations, useChat } from './stores';
import { ModelButton } from '../features/models/ModelButton';
import { ThemeToggle } from '../features/settings/ThemeToggle';

export function ChatHeader() {
  const title = useConversations((s) => s.items.find((i) => i.id === s.selectedId)?.title ?? null);
  const count = useChat((s) => s.messages.filter((m) => m.role !== 'system').length);
  return (
    <header className="grid h-12 shrink-0 grid-cols-[1fr_auto_1fr] items-center gap-3 border-b border-line px-4">
      <div className="flex min-w-0 items-baseline gap-2">
        <h1 data-testid="chat-title" className="truncate text-[14px] font-semibold">
          {title ?? 'New chat'}
        </h1>
        {count > 0 && (
          <span className="shrink-0 text-[11px] text-subtle tabular-nums">
            {count} {count === 1 ? 'message' : 'messages'}
          </span>
        )}
      </div>
      <ModelButton />
      <div className="flex items-center justify-end gap-1">
        <ThemeToggle />
      </div>
    </header>
  );
}

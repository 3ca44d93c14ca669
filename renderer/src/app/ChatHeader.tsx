import { IconButton } from '../components/Button';
import { Icon } from '../components/Icon';
import { Menu } from '../components/Menu';
import { MOD_KEY as MOD } from '../components/shortcuts';
import { conversationMenuItems } from '../features/conversations/conversationMenu';
import { RenameInput } from '../features/conversations/RenameInput';
import { ModelButton } from '../features/models/ModelButton';
import { CastButton } from '../features/roleplay/CastButton';
import { ThemeToggle } from '../features/settings/ThemeToggle';
import { ToolsButton } from '../features/tools/ToolsButton';
import { useChat, useConversations, useStores, useUi } from './stores';

export function ChatHeader() {
  const stores = useStores();
  const { ui, conversations } = stores;
  const id = useChat((s) => s.conversationId);
  const entry = useConversations((s) => s.items.find((i) => i.id === s.selectedId) ?? null);
  const title = entry?.title ?? null;
  const count = useChat((s) => s.messages.filter((m) => m.role !== 'system').length);
  const renaming = useUi((s) => s.renaming !== null && s.renaming === id);
  const sidebarCollapsed = useUi((s) => s.sidebarCollapsed);
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line px-4">
      <div className="flex min-w-0 flex-1 items-center gap-2">
        {sidebarCollapsed && (
          <IconButton
            size="sm"
            aria-label="Show the chat list"
            title={`Show the chat list (${MOD}+B)`}
            data-testid="sidebar-show"
            onClick={() => ui.getState().toggleSidebar()}
          >
            <Icon name="sidebar" size={15} />
          </IconButton>
        )}
        {renaming && id ? (
          <RenameInput
            title={title ?? ''}
            className="max-w-80"
            onDone={(next) => {
              ui.getState().requestRename(null);
              if (next !== null) void conversations.getState().rename(id, next);
            }}
          />
        ) : (
          <h1
            data-testid="chat-title"
            title={title ?? undefined}
            className="max-w-[calc(100%-5rem)] shrink-0 truncate text-[14px] font-semibold"
            onDoubleClick={() => id && ui.getState().requestRename(id)}
          >
            {title ?? 'New chat'}
          </h1>
        )}
        {count > 0 && !renaming && (
          <span className="hidden shrink-0 text-[11px] text-subtle tabular-nums xl:inline">
            {count} {count === 1 ? 'message' : 'messages'}
          </span>
        )}
        {id && !renaming && (
          // The title keeps its room; the cast chip gives way first.
          <div className="flex min-w-9 overflow-hidden rounded-full">
            <CastButton key={id} conversationId={id} />
          </div>
        )}
      </div>
      <ModelButton />
      <div className="flex shrink-0 items-center justify-end gap-1">
        <IconButton
          aria-label="Search messages"
          title={`Search messages (${MOD}+Shift+F)`}
          onClick={() => ui.getState().open('search')}
        >
          <Icon name="search" size={16} />
        </IconButton>
        {id && (
          <IconButton
            aria-label="Generation settings"
            data-testid="open-generation-settings"
            onClick={() => ui.getState().open('generation')}
          >
            <Icon name="sliders" size={16} />
          </IconButton>
        )}
        {id && <ToolsButton key={id} conversationId={id} />}
        {/* Below 1280 px the title needs the room; both stay one shortcut or Settings away. */}
        <span className="hidden xl:contents">
          <IconButton
            aria-label="Command palette"
            title={`Command palette (${MOD}+K)`}
            data-testid="open-palette"
            onClick={() => ui.getState().open('palette')}
          >
            <Icon name="command" size={15} />
          </IconButton>
          <ThemeToggle />
        </span>
        <IconButton
          aria-label="Settings"
          data-testid="open-settings"
          onClick={() => ui.getState().open('settings')}
        >
          <Icon name="settings" size={16} />
        </IconButton>
        {id && entry && (
          <Menu
            label="Chat actions"
            testId="chat-menu"
            triggerClassName="h-8 w-8"
            trigger={<Icon name="chevronDown" size={16} />}
            items={conversationMenuItems(stores, id, entry.pinned, () =>
              ui.getState().requestRename(id),
            )}
          />
        )}
      </div>
    </header>
  );
}

import { memo, type CSSProperties } from 'react';
import type { ConversationListEntry } from '../../../../shared/contract';
import { useStores } from '../../app/stores';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Menu } from '../../components/Menu';
import { plainPreview, relativeTime } from '../../components/format';
import { conversationMenuItems, deleteWithUndo } from './conversationMenu';
import { RenameInput } from './RenameInput';

interface ConversationRowProps {
  item: ConversationListEntry;
  selected: boolean;
  editing: boolean;
  streaming: boolean;
  now: number;
  onSelect: (id: string) => void;
  onStartEditing: (id: string | null) => void;
  onRename: (id: string, title: string) => void;
  /** Position in the virtualized list. */
  style: CSSProperties;
}

export const ConversationRow = memo(function ConversationRow({
  item,
  selected,
  editing,
  streaming,
  now,
  onSelect,
  onStartEditing,
  onRename,
  style,
}: ConversationRowProps) {
  const stores = useStores();
  if (editing) {
    return (
      <li
        data-testid="conversation-item"
        data-conversation-id={item.id}
        style={style}
        className="absolute top-0 left-0 w-full px-1 py-1"
      >
        <RenameInput
          title={item.title}
          onDone={(title) => (title === null ? onStartEditing(null) : onRename(item.id, title))}
        />
      </li>
    );
  }
  return (
    <li
      data-testid="conversation-item"
      data-conversation-id={item.id}
      data-selected={selected || undefined}
      data-pinned={item.pinned || undefined}
      style={style}
      className="group absolute top-0 left-0 w-full"
    >
      <button
        type="button"
        aria-current={selected ? 'page' : undefined}
        onClick={() => onSelect(item.id)}
        onDoubleClick={() => onStartEditing(item.id)}
        title={`${item.title}\nDouble-click to rename`}
        className={`block h-[50px] w-full rounded-md px-2.5 py-[7px] text-left transition-colors outline-none focus-visible:ring-2 focus-visible:ring-accent/70 ${
          selected ? 'bg-hover' : 'hover:bg-hover/60'
        }`}
      >
        <span className="flex items-center gap-1.5 group-focus-within:pr-14 group-hover:pr-14">
          {streaming && (
            <span
              className="h-1.5 w-1.5 shrink-0 animate-pulse rounded-full bg-accent"
              aria-label="Generating"
            />
          )}
          {item.pinned && <Icon name="pin" size={11} className="shrink-0 text-subtle" />}
          <span
            data-testid="conversation-title"
            className={`min-w-0 flex-1 truncate text-[13px] ${selected ? 'font-medium text-fg' : 'text-fg/90'}`}
          >
            {item.title || 'Untitled'}
          </span>
          <span className="shrink-0 text-[11px] text-subtle tabular-nums group-focus-within:invisible group-hover:invisible">
            {relativeTime(item.updatedAt, now)}
          </span>
        </span>
        <span className="mt-0.5 block truncate text-xs text-subtle">
          {plainPreview(item.preview) || (item.messageCount === 0 ? 'No messages yet' : '\u00a0')}
        </span>
      </button>
      <div className="absolute top-1 right-1 flex gap-0.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 has-[[aria-expanded=true]]:opacity-100">
        <IconButton
          size="sm"
          aria-label="Delete conversation"
          data-testid="delete-conversation"
          onClick={() => deleteWithUndo(stores, item.id)}
          className="hover:!text-danger"
        >
          <Icon name="trash" size={13} />
        </IconButton>
        <Menu
          label="Conversation actions"
          testId="conversation-menu"
          triggerClassName="h-6 w-6"
          trigger={<Icon name="more" size={15} />}
          items={conversationMenuItems(stores, item.id, item.pinned, () => onStartEditing(item.id))}
        />
      </div>
    </li>
  );
});

import { memo, useRef } from 'react';
import type { ConversationSummary } from '../../../../shared/contract/types';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { plainPreview, relativeTime } from '../../components/format';

interface ConversationRowProps {
  item: ConversationSummary;
  selected: boolean;
  editing: boolean;
  streaming: boolean;
  now: number;
  onSelect: (id: string) => void;
  onStartEditing: (id: string | null) => void;
  onRename: (id: string, title: string) => void;
  onAskDelete: (id: string) => void;
}

function RenameInput({
  item,
  onDone,
}: {
  item: ConversationSummary;
  onDone: (t: string | null) => void;
}) {
  // Esc unmounts the input; the blur that may follow must not save.
  const settled = useRef(false);
  const finish = (title: string | null): void => {
    if (settled.current) return;
    settled.current = true;
    onDone(title);
  };
  return (
    <input
      data-testid="rename-input"
      aria-label="Conversation title"
      autoFocus
      defaultValue={item.title}
      onFocus={(e) => e.currentTarget.select()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(e.currentTarget.value);
        else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          finish(null);
        }
      }}
      onBlur={(e) => finish(e.currentTarget.value)}
      className="h-7 w-full rounded-md border border-accent/60 bg-raised px-2 text-[13px] text-fg ring-3 ring-accent/15 outline-none"
    />
  );
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
  onAskDelete,
}: ConversationRowProps) {
  if (editing) {
    return (
      <li data-testid="conversation-item" data-conversation-id={item.id} className="px-1 py-1">
        <RenameInput
          item={item}
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
      className="group relative"
    >
      <button
        type="button"
        aria-current={selected ? 'page' : undefined}
        onClick={() => onSelect(item.id)}
        onDoubleClick={() => onStartEditing(item.id)}
        title={`${item.title}\nDouble-click to rename`}
        className={`block w-full rounded-md px-2.5 py-[7px] text-left transition-colors outline-none focus-visible:ring-2 focus-visible:ring-accent/70 ${
          selected ? 'bg-hover' : 'hover:bg-hover/60'
        }`}
      >
        <span className="flex items-center gap-2 group-focus-within:pr-7 group-hover:pr-7">
          {streaming && (
            <span
              className="h-1.5 w-1.5 shrink-0 animate-pulse rounded-full bg-accent"
              aria-label="Generating"
            />
          )}
          <span
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
      <div className="absolute top-1 right-1 flex gap-0.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100">
        <IconButton
          size="sm"
          aria-label="Rename conversation"
          onClick={() => onStartEditing(item.id)}
        >
          <Icon name="pencil" size={13} />
        </IconButton>
        <IconButton
          size="sm"
          aria-label="Delete conversation"
          data-testid="delete-conversation"
          onClick={() => onAskDelete(item.id)}
          className="hover:!text-danger"
        >
          <Icon name="trash" size={13} />
        </IconButton>
      </div>
    </li>
  );
});

import type { ReactNode } from 'react';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import type { ManagerState } from './useManager';

/**
 * A manager dialog: the entries listed at the left, the selected one's editor at the right, and
 * a row for the entry being written while it is not saved yet. The toolbar starts with New.
 */
export function ManagerDialog<T extends { id: string }>({
  manager,
  title,
  description,
  width,
  label,
  newButton,
  toolbar,
  items,
  rowTestId,
  newRow,
  renderRow,
  children,
}: {
  manager: ManagerState<T>;
  title: string;
  description: string;
  width: string;
  /** The list's accessible name. */
  label: string;
  newButton: { label: string; testId: string };
  /** More tools after New. */
  toolbar?: ReactNode;
  items: readonly T[];
  rowTestId: string;
  newRow: ReactNode;
  renderRow: (item: T) => ReactNode;
  /** The editor of `manager.current` (or of a new entry). */
  children: ReactNode;
}) {
  const { open, close, shown, current, choose } = manager;
  return (
    <Dialog open={open} onClose={close} title={title} description={description} width={width}>
      <div className="-mx-5 -mb-4 flex h-[min(600px,68vh)] min-h-0 border-t border-line">
        <div className="flex w-64 shrink-0 flex-col border-r border-line bg-panel/50">
          <div className="flex items-center gap-1 border-b border-line px-2 py-1.5">
            <Button
              size="sm"
              variant="ghost"
              data-testid={newButton.testId}
              onClick={() => choose('new')}
            >
              <Icon name="plus" size={13} /> {newButton.label}
            </Button>
            {toolbar}
          </div>
          <ul role="listbox" aria-label={label} className="min-h-0 flex-1 overflow-y-auto p-1.5">
            {shown === 'new' && (
              <ManagerRow selected onSelect={() => undefined}>
                {newRow}
              </ManagerRow>
            )}
            {items.map((item) => (
              <ManagerRow
                key={item.id}
                selected={item.id === shown}
                onSelect={() => choose(item.id)}
                testId={rowTestId}
              >
                {renderRow(item)}
              </ManagerRow>
            ))}
          </ul>
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          {(current || shown === 'new') && children}
        </div>
      </div>
    </Dialog>
  );
}

/** One entry of a manager's list. */
function ManagerRow({
  selected,
  onSelect,
  children,
  testId,
}: {
  selected: boolean;
  onSelect: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      data-testid={testId}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        e.preventDefault();
        const next =
          e.key === 'ArrowDown'
            ? e.currentTarget.nextElementSibling
            : e.currentTarget.previousElementSibling;
        if (next instanceof HTMLElement) {
          next.click();
          next.focus();
        }
      }}
      className={`mb-px flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 outline-none focus-visible:ring-2 focus-visible:ring-accent/60 ${
        selected ? 'bg-accent-soft text-fg' : 'text-fg hover:bg-hover'
      }`}
    >
      {children}
    </li>
  );
}

/** The editor's Delete button, among the entry's actions. */
export function ManagerDeleteButton({
  label,
  testId,
  onClick,
}: {
  label: string;
  testId: string;
  onClick: () => void;
}) {
  return (
    <IconButton
      aria-label={label}
      data-testid={testId}
      onClick={onClick}
      className="hover:!text-danger"
    >
      <Icon name="trash" size={15} />
    </IconButton>
  );
}

export function Badge({
  children,
  tone = 'neutral',
}: {
  children: ReactNode;
  tone?: 'neutral' | 'accent';
}) {
  return (
    <span
      className={`shrink-0 rounded px-1.5 text-[10px] leading-4 font-semibold tracking-wide uppercase ${
        tone === 'accent' ? 'bg-accent-soft text-accent-text' : 'bg-sunken text-subtle'
      }`}
    >
      {children}
    </span>
  );
}

import type { ReactNode } from 'react';

/** The two panes of a manager dialog: a list at the left, the selected item at the right. */
export function ManagerLayout({
  list,
  toolbar,
  children,
  label,
}: {
  list: ReactNode;
  toolbar: ReactNode;
  children: ReactNode;
  label: string;
}) {
  return (
    <div className="-mx-5 -mb-4 flex h-[min(600px,68vh)] min-h-0 border-t border-line">
      <div className="flex w-64 shrink-0 flex-col border-r border-line bg-panel/50">
        <div className="flex items-center gap-1 border-b border-line px-2 py-1.5">{toolbar}</div>
        <ul role="listbox" aria-label={label} className="min-h-0 flex-1 overflow-y-auto p-1.5">
          {list}
        </ul>
      </div>
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
    </div>
  );
}

/** One entry of a manager's list. */
export function ManagerRow({
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

import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { focusRing } from './Button';
import { Icon, type IconName } from './Icon';

export interface MenuItem {
  label: string;
  icon?: IconName;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
  testId?: string;
  /** A keyboard shortcut hint shown at the right. */
  hint?: string;
}

interface MenuProps {
  /** The trigger's accessible name. */
  label: string;
  items: MenuItem[];
  trigger: ReactNode;
  triggerClassName?: string;
  testId?: string;
}

/**
 * A menu button: the popup is portalled to <body> and fixed under the trigger (a scrolling or
 * transformed list would clip or shift it), arrow keys move between items, Esc and outside
 * clicks close it and focus returns to the trigger.
 */
export function Menu({ label, items, trigger, triggerClassName = '', testId }: MenuProps) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<{ top: number; right: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const id = useId();

  useLayoutEffect(() => {
    if (!open || !buttonRef.current) return;
    const rect = buttonRef.current.getBoundingClientRect();
    const below = rect.bottom + 4;
    const height = 36 * items.length + 8;
    setPlace({
      top: below + height > window.innerHeight ? Math.max(8, rect.top - height - 4) : below,
      right: Math.max(8, window.innerWidth - rect.right),
    });
  }, [open, items.length]);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const onDown = (e: MouseEvent): void => {
      const target = e.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) {
        setOpen(false);
      }
    };
    const onScroll = (): void => setOpen(false);
    document.addEventListener('mousedown', onDown);
    window.addEventListener('resize', onScroll);
    return () => {
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('resize', onScroll);
    };
  }, [open]);

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const entries = [
      ...(menuRef.current?.querySelectorAll<HTMLButtonElement>(
        '[role="menuitem"]:not(:disabled)',
      ) ?? []),
    ];
    const at = entries.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      (e.key === 'Home' ? entries[0] : entries.at(-1))?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid={testId}
        onClick={() => setOpen((v) => !v)}
        className={`inline-flex shrink-0 items-center justify-center rounded-md text-muted transition-colors hover:bg-hover hover:text-fg ${focusRing} ${triggerClassName}`}
      >
        {trigger}
      </button>
      {open &&
        place &&
        createPortal(
          <div
            ref={menuRef}
            id={id}
            role="menu"
            aria-label={label}
            onKeyDown={onKeyDown}
            style={{ top: place.top, right: place.right }}
            className="fixed z-50 min-w-48 rounded-lg border border-line bg-raised p-1 shadow-xl"
          >
            {items.map((item) => (
              <button
                key={item.label}
                type="button"
                role="menuitem"
                disabled={item.disabled}
                data-testid={item.testId}
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
                className={`flex h-8 w-full items-center gap-2.5 rounded-md px-2.5 text-left text-[13px] outline-none hover:bg-hover focus-visible:bg-hover disabled:opacity-40 ${item.danger ? 'text-danger' : 'text-fg'}`}
              >
                {item.icon && <Icon name={item.icon} size={14} className="shrink-0 opacity-80" />}
                <span className="flex-1 truncate">{item.label}</span>
                {item.hint && <span className="text-[11px] text-subtle">{item.hint}</span>}
              </button>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}

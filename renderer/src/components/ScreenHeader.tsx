import type { ReactNode } from 'react';
import { focusRing } from './Button';
import { Icon, type IconName } from './Icon';

/** A full screen's title bar: its name, its tabs, and tools at the right. */
export function ScreenHeader({
  title,
  tabs,
  tools,
}: {
  title: string;
  /** `ScreenTab`s. */
  tabs: ReactNode;
  tools: ReactNode;
}) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-5 border-b border-line px-5">
      <h1 className="text-[14px] font-semibold">{title}</h1>
      <div role="tablist" aria-label={title} className="flex items-center gap-4">
        {tabs}
      </div>
      <div className="ml-auto flex items-center gap-1">{tools}</div>
    </header>
  );
}

/** One tab of a screen header, with a count badge when there is something to count. */
export function ScreenTab({
  label,
  icon,
  count,
  active,
  onClick,
  testId,
}: {
  label: string;
  icon: IconName;
  count?: number | null;
  active: boolean;
  onClick: () => void;
  testId: string;
}) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      data-testid={testId}
      onClick={onClick}
      className={`relative flex h-12 items-center gap-1.5 px-1 text-[13px] font-medium transition-colors ${focusRing} ${
        active ? 'text-fg' : 'text-subtle hover:text-fg'
      }`}
    >
      <Icon name={icon} size={15} />
      {label}
      {count != null && count > 0 && (
        <span
          className={`rounded-full px-1.5 text-[10px] leading-4 tabular-nums ${
            active ? 'bg-accent text-white' : 'bg-sunken text-muted'
          }`}
        >
          {count}
        </span>
      )}
      {active && <span className="absolute inset-x-0 bottom-0 h-0.5 rounded-full bg-accent" />}
    </button>
  );
}

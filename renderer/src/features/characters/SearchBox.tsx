import type { KeyboardEvent } from 'react';
import { Kbd } from '../../components/Button';
import { Icon } from '../../components/Icon';

/** A page's search box; `/` (and Ctrl/Cmd+F) focus it through `data-screen-search`. */
export function SearchBox({
  label,
  placeholder,
  value,
  onChange,
  onKeyDown,
  testId,
  className,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (next: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  testId?: string;
  /** Width limits, e.g. "sm:max-w-md". */
  className: string;
}) {
  return (
    <div className={`relative min-w-56 flex-1 ${className}`}>
      <Icon
        name="search"
        size={15}
        className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-subtle"
      />
      <input
        type="search"
        data-testid={testId}
        data-screen-search
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        className="h-9 w-full rounded-lg border border-line-strong/70 bg-raised pr-10 pl-9 text-[13px] text-fg outline-none placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15 [&::-webkit-search-cancel-button]:hidden"
      />
      <span className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2">
        <Kbd>/</Kbd>
      </span>
    </div>
  );
}

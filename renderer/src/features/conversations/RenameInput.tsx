import { useRef } from 'react';

/** Inline title editor: Enter or blur saves, Esc cancels. */
export function RenameInput({
  title,
  onDone,
  className = '',
}: {
  title: string;
  onDone: (title: string | null) => void;
  className?: string;
}) {
  // Esc unmounts the input; the blur that may follow must not save.
  const settled = useRef(false);
  const finish = (value: string | null): void => {
    if (settled.current) return;
    settled.current = true;
    onDone(value);
  };
  return (
    <input
      data-testid="rename-input"
      aria-label="Conversation title"
      autoFocus
      defaultValue={title}
      maxLength={500}
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
      className={`h-7 w-full rounded-md border border-accent/60 bg-raised px-2 text-[13px] text-fg ring-3 ring-accent/15 outline-none ${className}`}
    />
  );
}

import type { ReactNode } from 'react';

const CONTROL =
  'w-full rounded-md border border-line-strong/70 bg-canvas text-[13px] text-fg outline-none transition-colors placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15 disabled:opacity-50';

export const INPUT = `${CONTROL} h-8 px-2.5`;
export const SELECT = `${CONTROL} h-8 pr-7 pl-2`;
export const TEXTAREA = `${CONTROL} resize-y px-2.5 py-2 leading-relaxed`;
export const MONO_TEXTAREA = `${TEXTAREA} font-mono text-[12px]`;

/** A labelled control, with an optional action (e.g. "Manage…") at the label's right. */
export function Field({
  label,
  htmlFor,
  action,
  hint,
  children,
}: {
  label: string;
  htmlFor?: string;
  action?: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex min-h-5 items-center justify-between gap-2">
        <label htmlFor={htmlFor} className="text-[12px] font-medium text-muted">
          {label}
        </label>
        {action}
      </div>
      {children}
      {hint && <p className="text-[11.5px] leading-relaxed text-subtle">{hint}</p>}
    </div>
  );
}

/** A small text button for a field's action. */
export function LinkButton({
  onClick,
  children,
  testId,
}: {
  onClick: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onClick}
      className="rounded text-[12px] font-medium text-accent-text hover:underline focus-visible:underline focus-visible:outline-none"
    >
      {children}
    </button>
  );
}

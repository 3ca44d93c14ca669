import { useId, useState, type ReactNode } from 'react';
import { Field, inputClass } from '../tools/controls';

export { Chip, Field, inputClass, Segmented, Switch } from '../tools/controls';

export const textAreaClass =
  'w-full resize-y rounded-md border border-line-strong/70 bg-canvas px-2.5 py-2 text-[13px] leading-relaxed text-fg outline-none placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15 aria-[invalid=true]:border-danger/70';

export const selectClass = `${inputClass} cursor-pointer pr-7`;

/** A labelled single-line text field. */
export function TextField({
  label,
  value,
  onChange,
  placeholder,
  hint,
  error,
  testId,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (next: string) => void;
  placeholder?: string;
  hint?: ReactNode;
  error?: string | null;
  testId?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <Field label={label} hint={hint} error={error} htmlFor={id}>
      <input
        id={id}
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={inputClass}
      />
    </Field>
  );
}

/** A labelled multi-line field with its length under it. */
export function TextAreaField({
  label,
  value,
  onChange,
  placeholder,
  hint,
  help,
  error,
  rows = 6,
  mono = false,
  testId,
}: {
  label: string;
  value: string;
  onChange: (next: string) => void;
  placeholder?: string;
  hint?: ReactNode;
  /** A line under the field explaining it. */
  help?: ReactNode;
  error?: string | null;
  rows?: number;
  mono?: boolean;
  testId?: string;
}) {
  const id = useId();
  return (
    <Field label={label} hint={hint} error={error} htmlFor={id}>
      <textarea
        id={id}
        data-testid={testId}
        value={value}
        rows={rows}
        placeholder={placeholder}
        spellCheck={!mono}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        // Grows with its text (up to most of the window) from a height of `rows` lines.
        style={{ minHeight: `calc(${rows} * 1.625em + 1rem)` }}
        className={`${textAreaClass} max-h-[70vh] field-sizing-content ${mono ? 'font-mono text-[12.5px]' : ''}`}
      />
      <div className="flex items-start justify-between gap-3 text-[11.5px] leading-snug text-subtle">
        <span>{help}</span>
        <span className="shrink-0 tabular-nums">
          {value.length > 0 ? `${value.length.toLocaleString('en-US')} chars` : ''}
        </span>
      </div>
    </Field>
  );
}

/** A whole-number box that may be left empty (null). */
export function NumberInput({
  value,
  onChange,
  min,
  max,
  placeholder,
  label,
  testId,
  id,
  className = 'w-20',
}: {
  value: number | null;
  onChange: (next: number | null) => void;
  min?: number;
  max?: number;
  placeholder?: string;
  label: string;
  testId?: string;
  id?: string;
  className?: string;
}) {
  // The typed text is kept while it is not a number yet ("-" or ""), so typing is never fought.
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === null ? '' : String(value));
  return (
    <input
      id={id}
      type="number"
      inputMode="numeric"
      aria-label={label}
      data-testid={testId}
      value={shown}
      min={min}
      max={max}
      placeholder={placeholder}
      onChange={(e) => {
        const raw = e.target.value;
        setText(raw);
        if (raw.trim() === '') return onChange(null);
        const parsed = Number(raw);
        if (!Number.isFinite(parsed)) return;
        const clamped = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, Math.round(parsed)));
        onChange(clamped);
      }}
      onBlur={() => setText(null)}
      className={`${inputClass.replace('w-full', '')} tabular-nums ${className}`}
    />
  );
}

/** A titled group of fields in the editor. */
export function Section({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="flex flex-col gap-4">
      <div className="flex items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-[14px] font-semibold text-fg">{title}</h2>
          {description && (
            <p className="mt-0.5 text-[12.5px] leading-relaxed text-muted">{description}</p>
          )}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

import type { ReactNode } from 'react';
import { focusRing } from '../../components/Button';

export const inputClass =
  'h-8 w-full rounded-md border border-line-strong/70 bg-canvas px-2 text-[13px] text-fg outline-none placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15 aria-[invalid=true]:border-danger/70 disabled:opacity-50';

export const codeAreaClass =
  'w-full resize-y rounded-md border border-line-strong/70 bg-sunken/60 px-2.5 py-2 font-mono text-[12px] leading-[1.55] text-fg outline-none placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15 aria-[invalid=true]:border-danger/70';

/** An on/off switch (a checkbox for assistive tech). */
export function Switch({
  checked,
  onChange,
  label,
  testId,
  disabled,
  size = 'md',
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  label: string;
  testId?: string;
  disabled?: boolean;
  size?: 'sm' | 'md';
}) {
  const box = size === 'sm' ? 'h-4 w-7' : 'h-5 w-9';
  const knob =
    size === 'sm' ? 'h-3 w-3 peer-checked:translate-x-3' : 'h-4 w-4 peer-checked:translate-x-4';
  return (
    <label
      className={`relative inline-flex shrink-0 cursor-pointer items-center ${disabled ? 'opacity-50' : ''}`}
    >
      <input
        type="checkbox"
        role="switch"
        aria-label={label}
        data-testid={testId}
        className="peer absolute inset-0 z-10 m-0 cursor-pointer opacity-0 disabled:cursor-default"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span
        aria-hidden="true"
        className={`${box} rounded-full bg-zinc-300 transition-colors peer-checked:bg-accent dark:bg-zinc-600 peer-focus-visible:ring-2 peer-focus-visible:ring-accent/60`}
      />
      <span
        aria-hidden="true"
        className={`pointer-events-none absolute top-0.5 left-0.5 ${knob} rounded-full bg-white shadow-sm transition-transform`}
      />
    </label>
  );
}

/** A row of mutually exclusive buttons. */
export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
  testId,
}: {
  value: T;
  options: { value: T; label: string; title?: string }[];
  onChange: (next: T) => void;
  label: string;
  testId?: string;
}) {
  return (
    <div
      role="radiogroup"
      aria-label={label}
      data-testid={testId}
      className="inline-flex rounded-md border border-line-strong/60 bg-sunken p-0.5"
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          title={o.title}
          data-testid={testId ? `${testId}-${o.value}` : undefined}
          onClick={() => onChange(o.value)}
          className={`h-6 rounded-[5px] px-2.5 text-[12px] font-medium transition-colors ${focusRing} ${
            o.value === value ? 'bg-raised text-fg shadow-xs' : 'text-muted hover:text-fg'
          }`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** A labelled setting row: label and help on the left, the control on the right. */
export function SettingRow({
  label,
  help,
  htmlFor,
  children,
}: {
  label: string;
  help?: ReactNode;
  htmlFor?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex items-start justify-between gap-3 py-2">
      <div className="min-w-0">
        <label htmlFor={htmlFor} className="block text-[13px] font-medium text-fg">
          {label}
        </label>
        {help && <p className="mt-0.5 text-[11.5px] leading-snug text-subtle">{help}</p>}
      </div>
      <div className="flex shrink-0 items-center pt-0.5">{children}</div>
    </div>
  );
}

/** A small uppercase heading with optional actions on the right. */
export function SectionHeading({
  children,
  actions,
}: {
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex h-7 items-center justify-between gap-2">
      <h3 className="text-[11px] font-semibold tracking-wider text-subtle uppercase">{children}</h3>
      {actions && <div className="flex items-center gap-1">{actions}</div>}
    </div>
  );
}

/** A labelled form field stacked vertically. */
export function Field({
  label,
  hint,
  error,
  htmlFor,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  htmlFor: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label
        htmlFor={htmlFor}
        className="flex items-baseline justify-between gap-2 text-[12px] font-medium"
      >
        {label}
        {hint && <span className="font-normal text-subtle">{hint}</span>}
      </label>
      {children}
      {error && (
        <span role="alert" className="text-[11.5px] text-danger">
          {error}
        </span>
      )}
    </div>
  );
}

/** A short coloured label. */
export function Chip({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-flex h-[18px] shrink-0 items-center gap-1 rounded border px-1.5 text-[10.5px] font-medium whitespace-nowrap ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

export type Tone = 'neutral' | 'accent' | 'ok' | 'warn' | 'danger';

export const TONES: Record<Tone, string> = {
  neutral: 'border-line-strong/70 bg-sunken text-muted',
  accent: 'border-accent/30 bg-accent-soft text-accent-text',
  ok: 'border-ok/30 bg-ok/10 text-ok',
  warn: 'border-warn/30 bg-warn-soft text-warn',
  danger: 'border-danger/30 bg-danger-soft text-danger',
};

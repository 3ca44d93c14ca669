import type { ButtonHTMLAttributes, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';
type Size = 'sm' | 'md';

export const focusRing =
  'outline-none focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:ring-offset-1 focus-visible:ring-offset-canvas';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-white hover:bg-accent-hover shadow-sm',
  secondary: 'border border-line-strong/70 bg-raised text-fg hover:bg-hover shadow-xs',
  ghost: 'text-muted hover:bg-hover hover:text-fg',
  danger: 'bg-red-600 text-white hover:bg-red-700 shadow-sm',
};

const SIZES: Record<Size, string> = {
  sm: 'h-7 gap-1.5 px-2.5 text-xs',
  md: 'h-8 gap-2 px-3 text-[13px]',
};

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  children: ReactNode;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  className = '',
  type = 'button',
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={`inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors disabled:pointer-events-none disabled:opacity-45 ${VARIANTS[variant]} ${SIZES[size]} ${focusRing} ${className}`}
      {...rest}
    >
      {children}
    </button>
  );
}

interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Required: an icon-only button needs a name for screen readers. */
  'aria-label': string;
  children: ReactNode;
  size?: Size;
}

export function IconButton({
  className = '',
  type = 'button',
  size = 'md',
  children,
  ...rest
}: IconButtonProps) {
  const box = size === 'sm' ? 'h-6 w-6' : 'h-8 w-8';
  return (
    <button
      type={type}
      title={rest.title ?? rest['aria-label']}
      className={`inline-flex shrink-0 items-center justify-center rounded-md text-muted transition-colors hover:bg-hover hover:text-fg disabled:pointer-events-none disabled:opacity-40 ${box} ${focusRing} ${className}`}
      {...rest}
    >
      {children}
    </button>
  );
}

/** A keyboard shortcut hint. */
export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="rounded border border-line-strong/70 bg-sunken px-1 font-sans text-[10px] leading-4 text-subtle">
      {children}
    </kbd>
  );
}

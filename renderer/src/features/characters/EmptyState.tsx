import type { ReactNode } from 'react';

/** A page with nothing in it yet: what would be here, and how to get some. */
export function EmptyState({
  testId,
  icon,
  title,
  className,
  textClassName,
  children,
  actions,
}: {
  testId: string;
  icon: ReactNode;
  title: string;
  /** Placement, e.g. "mx-auto mt-6 max-w-2xl". */
  className: string;
  /** The explanation's width, e.g. "max-w-lg". */
  textClassName: string;
  /** The explanation. */
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <div
      data-testid={testId}
      className={`flex flex-col items-center rounded-2xl border border-dashed border-line-strong/70 px-8 py-12 text-center ${className}`}
    >
      <div className="flex h-14 w-14 items-center justify-center rounded-2xl border border-line bg-sunken text-muted">
        {icon}
      </div>
      <h2 className="mt-5 text-[17px] font-semibold">{title}</h2>
      <p className={`mt-2 text-[13px] leading-relaxed text-muted ${textClassName}`}>{children}</p>
      {actions}
    </div>
  );
}

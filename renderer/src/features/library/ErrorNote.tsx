import type { ReactNode } from 'react';
import { Icon } from '../../components/Icon';
import type { ShownError } from '../../components/errors';

/** An error in words, with its code, and an optional action. */
export function ErrorNote({
  error,
  action,
  testId,
}: {
  error: ShownError | { code: string; message: string };
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      role="alert"
      data-testid={testId}
      className="flex items-start gap-2.5 rounded-lg border border-danger/30 bg-danger-soft px-3 py-2.5 text-[12px] text-danger"
    >
      <Icon name="alert" size={15} className="mt-px shrink-0" />
      <div className="min-w-0 flex-1">
        <div className="[overflow-wrap:anywhere]">{error.message}</div>
        <div className="mt-0.5 font-mono text-[10px] opacity-75">{error.code}</div>
      </div>
      {action}
    </div>
  );
}

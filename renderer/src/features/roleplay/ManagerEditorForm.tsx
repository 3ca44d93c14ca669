import type { ReactNode } from 'react';
import { Button } from '../../components/Button';

/** A manager's editor: a title bar with the entry's actions, the fields, and a footer. */
export function ManagerEditorForm({
  testId,
  title,
  titleExtra,
  actions,
  onSubmit,
  footer,
  children,
}: {
  testId: string;
  title: string;
  /** Shown between the title and the actions, e.g. a "Built-in" badge. */
  titleExtra?: ReactNode;
  actions: ReactNode;
  onSubmit: () => void;
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <form
      className="flex min-h-0 flex-1 flex-col"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div className="flex items-center gap-2 border-b border-line px-5 py-2.5">
        <h3 className="min-w-0 flex-1 truncate text-[14px] font-semibold">{title}</h3>
        {titleExtra}
        {actions}
      </div>
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-5 py-4">{children}</div>
      {footer}
    </form>
  );
}

/** The editor's footer: the last error, Revert (for a saved entry) and the submit button. */
export function ManagerEditorFooter({
  error,
  dirty,
  saving,
  onRevert,
  saveTestId,
  saveLabel,
}: {
  error: string | null;
  dirty: boolean;
  saving: boolean;
  /** Null while the entry is new: there is nothing to go back to. */
  onRevert: (() => void) | null;
  saveTestId: string;
  saveLabel: string;
}) {
  return (
    <div className="flex items-center gap-2 border-t border-line bg-panel/60 px-5 py-2.5">
      <span role="status" className="mr-auto text-[12px] text-danger">
        {error}
      </span>
      {onRevert && (
        <Button size="sm" variant="ghost" disabled={!dirty} onClick={onRevert}>
          Revert
        </Button>
      )}
      <Button
        size="sm"
        variant="primary"
        type="submit"
        data-testid={saveTestId}
        disabled={!dirty || saving}
      >
        {saveLabel}
      </Button>
    </div>
  );
}

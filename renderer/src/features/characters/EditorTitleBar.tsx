import type { ComponentProps, ReactNode } from 'react';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { MOD_KEY } from '../../components/shortcuts';
import { Spinner } from '../../components/Spinner';

/**
 * The title bar of a character's or a lorebook's editor: back, a picture, the title with an
 * "Unsaved changes" badge and a line under it, then Revert (while there is something to go
 * back to) and the editor's own actions.
 */
export function EditorTitleBar({
  back,
  picture,
  title,
  subtitle,
  dirty,
  onRevert,
  children,
}: {
  back: { label: string; onClick: () => void; testId?: string };
  picture: ReactNode;
  title: ReactNode;
  subtitle: ReactNode;
  dirty: boolean;
  onRevert: (() => void) | null;
  children: ReactNode;
}) {
  return (
    <header className="shrink-0 border-b border-line bg-panel/50">
      <div className="mx-auto flex w-full max-w-4xl items-center gap-4 px-6 py-4">
        <IconButton aria-label={back.label} data-testid={back.testId} onClick={back.onClick}>
          <Icon name="arrowLeft" size={16} />
        </IconButton>
        {picture}
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-center gap-2.5">
            {title}
            {dirty && (
              <span
                data-testid="unsaved-badge"
                className="inline-flex h-5 shrink-0 items-center gap-1.5 rounded-full border border-warn/35 bg-warn-soft px-2 text-[11px] font-medium text-warn"
              >
                <span className="h-1.5 w-1.5 rounded-full bg-warn" /> Unsaved changes
              </span>
            )}
          </div>
          {subtitle}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {onRevert && (
            <Button variant="ghost" onClick={onRevert}>
              Revert
            </Button>
          )}
          {children}
        </div>
      </div>
    </header>
  );
}

/** The editor's Save button (also Ctrl/Cmd+S), with a spinner while saving. */
export function SaveButton({
  label,
  saving,
  disabled,
  variant,
  testId,
  onClick,
}: {
  label: string;
  saving: boolean;
  disabled: boolean;
  variant?: ComponentProps<typeof Button>['variant'];
  testId: string;
  onClick: () => void;
}) {
  return (
    <Button
      variant={variant}
      data-testid={testId}
      title={`Save (${MOD_KEY}+S)`}
      disabled={disabled}
      onClick={onClick}
    >
      {saving ? <Spinner size={13} /> : <Icon name="check" size={14} />}
      {label}
    </Button>
  );
}

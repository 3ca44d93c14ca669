import { useId, type ReactNode } from 'react';
import { Icon } from './Icon';
import { IconButton } from './Button';
import { useModalDialog } from './useModalDialog';

interface DialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  /** While true, Esc and the backdrop do not close it (e.g. a load is running). */
  locked?: boolean;
  width?: string;
  children: ReactNode;
  footer?: ReactNode;
}

/** A modal on the native <dialog>: focus trapping, Esc and the top layer come from the browser. */
export function Dialog({
  open,
  title,
  description,
  onClose,
  locked = false,
  width = 'max-w-lg',
  children,
  footer,
}: DialogProps) {
  const modal = useModalDialog(open, onClose, locked);
  const titleId = useId();

  return (
    <dialog
      {...modal}
      aria-labelledby={titleId}
      className={`m-auto w-[calc(100%-2rem)] ${width} rounded-xl border border-line bg-raised p-0 text-fg shadow-2xl backdrop:bg-black/45 backdrop:backdrop-blur-[1px]`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <header className="flex items-start justify-between gap-4 px-5 pt-4 pb-3">
            <div className="min-w-0">
              <h2 id={titleId} className="text-[15px] font-semibold">
                {title}
              </h2>
              {description && <p className="mt-0.5 text-[13px] text-muted">{description}</p>}
            </div>
            <IconButton aria-label="Close" size="sm" onClick={onClose} disabled={locked}>
              <Icon name="x" size={15} />
            </IconButton>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 pb-4">{children}</div>
          {footer && (
            <footer className="flex items-center justify-end gap-2 border-t border-line bg-panel/60 px-5 py-3">
              {footer}
            </footer>
          )}
        </div>
      )}
    </dialog>
  );
}

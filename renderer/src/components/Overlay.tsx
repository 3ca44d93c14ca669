import type { ReactNode } from 'react';
import { useModalDialog } from './useModalDialog';

interface OverlayProps {
  open: boolean;
  label: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

/**
 * A modal panel near the top of the window (search, command palette) on the native <dialog>:
 * the browser traps focus, Esc closes it, and focus returns to where it was.
 */
export function Overlay({ open, label, onClose, children, testId }: OverlayProps) {
  const modal = useModalDialog(open, onClose);
  return (
    <dialog
      {...modal}
      aria-label={label}
      data-testid={testId}
      className="mx-auto mt-[12vh] w-[calc(100%-2rem)] max-w-xl overflow-hidden rounded-xl border border-line bg-raised p-0 text-fg shadow-2xl backdrop:bg-black/40"
    >
      {open && children}
    </dialog>
  );
}

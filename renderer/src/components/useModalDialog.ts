import { useEffect, useRef, type MouseEvent, type SyntheticEvent } from 'react';

/**
 * Drives a native <dialog> as a modal: shows and closes it with `open`, and turns Esc and a
 * click on the backdrop into `onClose` (unless `locked`). Focus trapping and the top layer come
 * from the browser.
 */
export function useModalDialog(open: boolean, onClose: () => void, locked = false) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return {
    ref,
    onCancel: (e: SyntheticEvent<HTMLDialogElement>) => {
      e.preventDefault();
      if (!locked) onClose();
    },
    onClick: (e: MouseEvent<HTMLDialogElement>) => {
      if (e.target === e.currentTarget && !locked) onClose();
    },
  };
}

import { useEffect, useRef } from 'react';
import { useStores, useUi } from './stores';
import { IconButton } from '../components/Button';
import { Icon } from '../components/Icon';

/**
 * A short notice at the bottom, with one optional action (Undo). It is a manual popover, so it
 * shows above a modal dialog that is open when it appears (both live in the top layer).
 */
export function Toast() {
  const { ui } = useStores();
  const toast = useUi((s) => s.toast);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!toast || !el) return;
    // Re-showing moves it above anything that entered the top layer since.
    if (el.matches(':popover-open')) el.hidePopover();
    el.showPopover();
    const timer = setTimeout(() => ui.getState().dismissToast(toast.id), toast.timeoutMs);
    return () => {
      clearTimeout(timer);
      if (el.matches(':popover-open')) el.hidePopover();
    };
  }, [toast, ui]);
  return (
    <div
      ref={ref}
      popover="manual"
      aria-live="polite"
      className="pointer-events-none fixed inset-auto bottom-10 left-4 m-0 max-w-[calc(100%-2rem)] overflow-visible border-0 bg-transparent p-0"
    >
      {toast && (
        <div
          role="status"
          data-testid="toast"
          className="pointer-events-auto flex max-w-lg items-center gap-3 rounded-lg border border-line-strong/60 bg-fg px-3.5 py-2 text-[13px] text-canvas shadow-xl"
        >
          <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              data-testid="toast-action"
              onClick={() => {
                toast.action?.run();
                ui.getState().dismissToast(toast.id);
              }}
              className="shrink-0 rounded px-1.5 py-0.5 font-semibold text-accent-soft underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:outline-none"
            >
              {toast.action.label}
            </button>
          )}
          <IconButton
            size="sm"
            aria-label="Dismiss"
            onClick={() => ui.getState().dismissToast(toast.id)}
            className="!text-canvas/70 hover:!bg-canvas/10 hover:!text-canvas"
          >
            <Icon name="x" size={13} />
          </IconButton>
        </div>
      )}
    </div>
  );
}

import { useStores, useUi } from './stores';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';

/** The one confirmation the app asks at a time (e.g. deleting a message subtree). */
export function ConfirmDialog() {
  const { ui } = useStores();
  const request = useUi((s) => s.confirm);
  const close = (): void => ui.getState().ask(null);
  return (
    <Dialog
      open={request !== null}
      title={request?.title ?? ''}
      onClose={close}
      width="max-w-sm"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button
            variant={request?.danger ? 'danger' : 'primary'}
            data-testid="confirm-action"
            autoFocus
            onClick={() => {
              close();
              void request?.onConfirm();
            }}
          >
            {request?.confirmLabel ?? 'OK'}
          </Button>
        </>
      }
    >
      <p className="text-[13px] leading-relaxed text-muted">{request?.body}</p>
    </Dialog>
  );
}

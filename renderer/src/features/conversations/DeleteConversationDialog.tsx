import { useConversations, useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

export function DeleteConversationDialog() {
  const { conversations, chat } = useStores();
  const id = useConversations((s) => s.confirmDeleteId);
  const title = useConversations((s) => s.items.find((i) => i.id === s.confirmDeleteId)?.title);
  const close = (): void => conversations.getState().askDelete(null);
  const confirm = async (): Promise<void> => {
    if (!id) return;
    await conversations.getState().remove(id);
    chat.getState().conversationDeleted(id);
  };
  return (
    <Dialog
      open={id !== null}
      title="Delete chat?"
      onClose={close}
      width="max-w-sm"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button
            variant="danger"
            data-testid="confirm-delete"
            onClick={() => void confirm()}
            autoFocus
          >
            Delete
          </Button>
        </>
      }
    >
      <p className="text-[13px] leading-relaxed text-muted">
        <span className="font-medium text-fg">“{title ?? 'Untitled'}”</span> and all its messages
        will be deleted. This cannot be undone.
      </p>
    </Dialog>
  );
}

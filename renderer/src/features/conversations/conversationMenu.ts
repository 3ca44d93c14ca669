import type { Stores } from '../../app/stores';
import type { MenuItem } from '../../components/Menu';
import { exportConversations } from './transfer';

/** Deletes with an Undo toast; moves the chat pane on when the shown conversation goes. */
export function deleteWithUndo(stores: Stores, id: string): void {
  const { conversations, chat, ui } = stores;
  const title = conversations.getState().items.find((i) => i.id === id)?.title ?? 'Untitled';
  conversations.getState().removeWithUndo(id);
  if (chat.getState().conversationId === id) {
    const next = conversations.getState().items.find((i) => i.id !== id);
    void chat.getState().open(next?.id ?? null);
  }
  ui.getState().notify({
    message: `Deleted “${title}”`,
    action: {
      label: 'Undo',
      run: () => {
        conversations.getState().undoRemove();
        void chat.getState().open(id);
      },
    },
  });
}

/** The actions of one conversation, for the sidebar row and the chat header. */
export function conversationMenuItems(
  stores: Stores,
  id: string,
  pinned: boolean,
  onRename: () => void,
): MenuItem[] {
  const { conversations, chat } = stores;
  return [
    {
      label: 'Rename',
      icon: 'pencil',
      testId: 'menu-rename',
      onSelect: onRename,
    },
    {
      label: pinned ? 'Unpin' : 'Pin',
      icon: 'pin',
      testId: 'menu-pin',
      onSelect: () => void conversations.getState().pin(id, !pinned),
    },
    {
      label: 'Duplicate',
      icon: 'duplicate',
      testId: 'menu-duplicate',
      onSelect: () =>
        void conversations
          .getState()
          .duplicate(id)
          .then((copy) => copy && chat.getState().open(copy.id)),
    },
    {
      label: 'Export as Markdown',
      icon: 'download',
      testId: 'menu-export-md',
      onSelect: () => void exportConversations(stores, id, 'md'),
    },
    {
      label: 'Export as JSON',
      icon: 'download',
      testId: 'menu-export-json',
      onSelect: () => void exportConversations(stores, id, 'json'),
    },
    {
      label: 'Delete',
      icon: 'trash',
      danger: true,
      testId: 'menu-delete',
      onSelect: () => deleteWithUndo(stores, id),
    },
  ];
}

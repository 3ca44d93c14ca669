import { navigate } from '../../app/router';
import type { Stores } from '../../app/stores';
import { toShownError } from '../../components/errors';
import { downloadExported } from '../../components/files';

const notify = (stores: Stores, message: string): void => stores.ui.getState().notify({ message });

export async function exportLorebook(stores: Stores, id: string): Promise<void> {
  const dirty = stores.characters.lorebookDrafts.getState().drafts[id]?.dirty ?? false;
  try {
    const file = await stores.client.request('lorebooks.export', { id });
    downloadExported(file);
    notify(
      stores,
      dirty
        ? `Exported ${file.fileName} as last saved; save to include your changes`
        : `Exported ${file.fileName}`,
    );
  } catch (error) {
    notify(stores, `Export failed: ${toShownError(error).message}`);
  }
}

export async function createLorebook(stores: Stores): Promise<void> {
  const id = await stores.characters.lorebooks.getState().create();
  if (id) navigate({ screen: 'lorebooks', lorebookId: id });
}

/** Asks, then deletes a standalone lorebook; chats that used it stop scanning it. */
export function deleteLorebook(stores: Stores, id: string, name: string): void {
  stores.ui.getState().ask({
    title: `Delete ${name}?`,
    body: 'The lorebook and its entries are removed. Chats that used it go on without it. Export it first to keep a copy.',
    confirmLabel: 'Delete',
    danger: true,
    onConfirm: async () => {
      try {
        await stores.client.request('lorebooks.delete', { id });
        stores.characters.lorebookDrafts.getState().forget(id);
        await stores.characters.lorebooks.getState().refresh();
        navigate({ screen: 'lorebooks', lorebookId: null });
        notify(stores, `Deleted ${name}`);
      } catch (error) {
        notify(stores, `Could not delete: ${toShownError(error).message}`);
      }
    },
  });
}

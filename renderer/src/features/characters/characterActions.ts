import { navigate } from '../../app/router';
import type { Stores } from '../../app/stores';
import { toShownError } from '../../components/errors';
import { downloadExported } from '../../components/files';
import { formToCard } from './cardForm';
import { NEW_CHARACTER } from './characterDrafts';

const notify = (stores: Stores, message: string): void => stores.ui.getState().notify({ message });

/** Saves the draft; a new character's editor moves to its own address once it has one. */
export async function saveCharacter(stores: Stores, key: string): Promise<string | null> {
  const saved = await stores.characters.characterDrafts.getState().save(key);
  if (!saved) return null;
  if (key !== saved.id)
    navigate({ screen: 'characters', characterId: saved.id }, { replace: true });
  return saved.id;
}

/**
 * Opens a new chat with the character (its greetings as the first message's swipes). Unsaved
 * edits are saved first, so the chat starts from what the editor shows.
 */
export async function startChat(stores: Stores, key: string): Promise<void> {
  const draft = stores.characters.characterDrafts.getState().drafts[key];
  if (!draft) return;
  const id = draft.dirty || !draft.id ? await saveCharacter(stores, key) : draft.id;
  if (!id) return;
  try {
    const { conversation } = await stores.client.request('characters.startChat', {
      characterId: id,
    });
    await stores.conversations.getState().refresh();
    navigate({ screen: 'chat', conversationId: conversation.id });
  } catch (error) {
    notify(stores, `Could not start a chat: ${toShownError(error).message}`);
  }
}

export async function exportCharacter(
  stores: Stores,
  key: string,
  format: 'png' | 'json',
): Promise<void> {
  const draft = stores.characters.characterDrafts.getState().drafts[key];
  if (!draft?.id) return;
  try {
    const file = await stores.client.request('characters.export', { id: draft.id, format });
    downloadExported(file);
    notify(
      stores,
      draft.dirty
        ? `Exported ${file.fileName} as last saved; save to include your changes`
        : `Exported ${file.fileName}`,
    );
  } catch (error) {
    notify(stores, `Export failed: ${toShownError(error).message}`);
  }
}

/** Saves a copy, edits included, as "<name> (copy)" and opens it. */
export async function duplicateCharacter(stores: Stores, key: string): Promise<void> {
  const draft = stores.characters.characterDrafts.getState().drafts[key];
  if (!draft) return;
  const name = `${draft.form.name.trim() || 'Unnamed'} (copy)`;
  try {
    const copy = await stores.client.request('characters.save', {
      card: formToCard({ ...draft.form, name }, draft.base),
      avatar: draft.avatar,
    });
    navigate({ screen: 'characters', characterId: copy.id });
    notify(stores, `Saved a copy as ${name}`);
  } catch (error) {
    notify(stores, `Could not duplicate: ${toShownError(error).message}`);
  }
}

/** Asks, then deletes the character (or drops a new one that was never saved). */
export function deleteCharacter(stores: Stores, key: string): void {
  const drafts = stores.characters.characterDrafts;
  const draft = drafts.getState().drafts[key];
  if (!draft) return;
  const name = draft.form.name.trim() || draft.baseline.name || 'this character';
  const leave = (): void => {
    drafts.getState().forget(key);
    navigate({ screen: 'characters', characterId: null });
  };
  if (!draft.id || key === NEW_CHARACTER) {
    leave();
    return;
  }
  const id = draft.id;
  stores.ui.getState().ask({
    title: `Delete ${name}?`,
    body: 'The character is removed from Talaria, with their lorebook. Chats with them stay, without the character. Export the card first to keep a copy.',
    confirmLabel: 'Delete',
    danger: true,
    onConfirm: async () => {
      try {
        await stores.client.request('characters.delete', { id });
        leave();
        notify(stores, `Deleted ${name}`);
      } catch (error) {
        notify(stores, `Could not delete: ${toShownError(error).message}`);
      }
    },
  });
}

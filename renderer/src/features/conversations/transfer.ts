import { MAX_IMPORT_TEXT_CHARS, type ExportFormat } from '../../../../shared/contract';
import type { Stores } from '../../app/stores';
import { toShownError } from '../../components/errors';

const MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  md: 'text/markdown',
};

/** Saves text as a file through the browser's download (the desktop app asks where). */
export function downloadText(fileName: string, text: string, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${MIME[format]};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Exports one conversation, or every one with `id` null, and downloads the file. */
export async function exportConversations(
  stores: Stores,
  id: string | null,
  format: ExportFormat,
): Promise<void> {
  try {
    const file = await stores.client.request(
      'conversations.export',
      id ? { id, format } : { all: true, format },
    );
    downloadText(file.fileName, file.text, format);
    stores.ui.getState().notify({
      message: `Exported ${file.conversationCount === 1 ? '1 conversation' : `${file.conversationCount} conversations`} as ${file.fileName}`,
    });
  } catch (error) {
    stores.ui.getState().notify({ message: `Export failed: ${toShownError(error).message}` });
  }
}

/**
 * Imports a file the user picked (our JSON or an OpenAI messages array). Nothing is saved when
 * anything in it is wrong; the first imported conversation opens.
 */
export async function importConversationFile(stores: Stores, file: File): Promise<boolean> {
  const { ui, conversations, chat, client } = stores;
  if (file.size > MAX_IMPORT_TEXT_CHARS) {
    ui.getState().notify({
      message:
        `${file.name} is too large to import here (over 30 MB). ` +
        'Use `talaria chats import <file>` on the command line.',
    });
    return false;
  }
  try {
    const text = await file.text();
    const { conversationIds } = await client.request('conversations.import', { text });
    await conversations.getState().refresh();
    const first = conversationIds[0];
    if (first) await chat.getState().open(first);
    const count = conversationIds.length;
    ui.getState().notify({
      message: `Imported ${count === 1 ? '1 conversation' : `${count} conversations`} from ${file.name}`,
    });
    return true;
  } catch (error) {
    ui.getState().notify({
      message: `Import failed: ${toShownError(error).message}`,
      timeoutMs: 10_000,
    });
    return false;
  }
}

/** Opens the file picker and imports the chosen file. */
export function pickAndImport(stores: Stores): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.setAttribute('data-testid', 'import-file-input');
  input.style.display = 'none';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.remove();
    if (file) void importConversationFile(stores, file);
  });
  document.body.append(input);
  input.click();
}

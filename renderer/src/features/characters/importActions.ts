import { navigate } from '../../app/router';
import type { Stores } from '../../app/stores';
import { importSummary } from './importFiles';

export const CARD_ACCEPT = '.png,.json,image/png,application/json';
export const LOREBOOK_ACCEPT = '.json,application/json';

/** Opens the system file picker; resolves with the chosen files (none when cancelled). */
export function pickFiles(accept: string, testId: string): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = true;
    input.setAttribute('data-testid', testId);
    input.style.display = 'none';
    const done = (files: File[]): void => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    document.body.append(input);
    input.click();
  });
}

/** Imports card files into the gallery and says in a toast how it went. */
export async function importCharacters(stores: Stores, files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const outcomes = await stores.characters.gallery.getState().importFiles(files);
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  const id = only?.ok ? only.id : undefined;
  stores.ui.getState().notify({
    message: importSummary(outcomes, 'character'),
    ...(id
      ? {
          action: { label: 'Open', run: () => navigate({ screen: 'characters', characterId: id }) },
        }
      : {}),
  });
}

export async function importLorebooks(stores: Stores, files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const outcomes = await stores.characters.lorebooks.getState().importFiles(files);
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  const id = only?.ok ? only.id : undefined;
  stores.ui.getState().notify({
    message: importSummary(outcomes, 'lorebook'),
    ...(id
      ? { action: { label: 'Open', run: () => navigate({ screen: 'lorebooks', lorebookId: id }) } }
      : {}),
  });
}

/** The palette's "Import character card…": the gallery, then the file picker. */
export function pickAndImportCharacters(stores: Stores): void {
  navigate({ screen: 'characters', characterId: null });
  void pickFiles(CARD_ACCEPT, 'character-file-input').then((files) =>
    importCharacters(stores, files),
  );
}

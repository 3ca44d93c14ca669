import { navigate } from '../../app/router';
import type { Stores } from '../../app/stores';
import { pickFiles } from '../../components/files';
import { importSummary, type ImportOutcome } from './importFiles';

export const CARD_ACCEPT = '.png,.json,image/png,application/json';
export const LOREBOOK_ACCEPT = '.json,application/json';

/** Says in a toast how an import went, with Open when it brought in one thing. */
function tellImported(
  stores: Stores,
  outcomes: readonly ImportOutcome[],
  noun: string,
  open: (id: string) => void,
): void {
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  const id = only?.ok ? only.id : undefined;
  stores.ui.getState().notify({
    message: importSummary(outcomes, noun),
    ...(id ? { action: { label: 'Open', run: () => open(id) } } : {}),
  });
}

/** Imports card files into the gallery and says in a toast how it went. */
export async function importCharacters(stores: Stores, files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const outcomes = await stores.characters.gallery.getState().importFiles(files);
  tellImported(stores, outcomes, 'character', (id) =>
    navigate({ screen: 'characters', characterId: id }),
  );
}

export async function importLorebooks(stores: Stores, files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const outcomes = await stores.characters.lorebooks.getState().importFiles(files);
  tellImported(stores, outcomes, 'lorebook', (id) =>
    navigate({ screen: 'lorebooks', lorebookId: id }),
  );
}

/** The file picker for character cards, then the import. */
export function pickCharacters(stores: Stores): void {
  void pickFiles(CARD_ACCEPT, 'character-file-input').then((files) =>
    importCharacters(stores, files),
  );
}

/** The file picker for lorebook JSON files, then the import. */
export function pickLorebooks(stores: Stores): void {
  void pickFiles(LOREBOOK_ACCEPT, 'lorebook-file-input').then((files) =>
    importLorebooks(stores, files),
  );
}

/** The palette's "Import character card…": the gallery, then the file picker. */
export function pickAndImportCharacters(stores: Stores): void {
  navigate({ screen: 'characters', characterId: null });
  pickCharacters(stores);
}

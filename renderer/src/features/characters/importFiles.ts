import type { TalariaClient } from '../../../../shared/contract/client';
import { looksLikePng } from '../../../../shared/cards/png';
import { makeAvatar } from '../../components/avatarImage';
import { toShownError } from '../../components/errors';
import { readFileBase64 } from '../../components/files';

/** What became of one imported file. */
export interface ImportOutcome {
  fileName: string;
  ok: boolean;
  /** The imported character's or lorebook's id and name. */
  id?: string;
  name?: string;
  /** Why it failed, in words the user can act on. */
  error?: string;
  /** Fields that were coerced or dropped on the way in. */
  warnings: string[];
}

/** The import part of a list store. */
export interface ImportState {
  /** Files being imported: how many are done of how many. */
  importing: { done: number; total: number } | null;
  /** What became of each file of the latest import. */
  imports: ImportOutcome[];
}

/**
 * Imports each file on its own, one at a time (card files can be large, and the list shows each
 * as it lands), telling the store the progress and then the outcomes.
 */
export async function importEach(
  files: readonly File[],
  importOne: (file: File) => Promise<ImportOutcome>,
  set: (patch: Partial<ImportState>) => void,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  set({ importing: { done: 0, total: files.length } });
  for (const file of files) {
    outcomes.push(await importOne(file));
    set({ importing: { done: outcomes.length, total: files.length } });
  }
  set({ importing: null, imports: outcomes });
  return outcomes;
}

/** Card files are a few MB; the contract refuses more than 50 MiB. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

function precheck(file: File, what: string): string | null {
  if (file.size === 0) return `${file.name || 'The file'} is empty.`;
  if (file.size > MAX_FILE_BYTES) {
    return `${file.name} is too large (${(file.size / 1024 / 1024).toFixed(1)} MB) for a ${what}; the limit is 50 MB.`;
  }
  return null;
}

const failed = (file: File, error: string): ImportOutcome => ({
  fileName: file.name,
  ok: false,
  error,
  warnings: [],
});

/**
 * Imports one character card file (PNG or JSON). For a PNG the avatar is resized here first;
 * if the browser cannot decode the image the backend keeps the PNG itself. Never throws.
 */
export async function importCharacterFile(
  client: TalariaClient,
  file: File,
): Promise<ImportOutcome> {
  const problem = precheck(file, 'character card');
  if (problem) return failed(file, problem);
  try {
    const { bytes, base64 } = await readFileBase64(file);
    let avatar: string | undefined;
    if (looksLikePng(bytes)) avatar = await makeAvatar(file).catch(() => undefined);
    const { character, warnings } = await client.request('characters.import', {
      fileName: file.name || 'card',
      data: base64,
      ...(avatar === undefined ? {} : { avatar }),
    });
    return {
      fileName: file.name,
      ok: true,
      id: character.id,
      name: character.card.data.name,
      warnings,
    };
  } catch (error) {
    return failed(file, toShownError(error).message);
  }
}

/** Imports one SillyTavern world-info or character_book JSON file. Never throws. */
export async function importLorebookFile(
  client: TalariaClient,
  file: File,
): Promise<ImportOutcome> {
  const problem = precheck(file, 'lorebook');
  if (problem) return failed(file, problem);
  try {
    const text = await file.text();
    const { lorebook, warnings } = await client.request('lorebooks.import', {
      fileName: file.name || 'lorebook.json',
      text,
    });
    return { fileName: file.name, ok: true, id: lorebook.id, name: lorebook.name, warnings };
  } catch (error) {
    return failed(file, toShownError(error).message);
  }
}

/** One line for a toast about a batch of imports. */
export function importSummary(outcomes: readonly ImportOutcome[], noun: string): string {
  const ok = outcomes.filter((o) => o.ok);
  const bad = outcomes.length - ok.length;
  if (outcomes.length === 1) {
    const [only] = outcomes;
    return only?.ok
      ? `Imported ${only.name ?? only.fileName}`
      : `Could not import ${only?.fileName}`;
  }
  const plural = (n: number): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const files = `${bad} file${bad === 1 ? '' : 's'}`;
  if (ok.length === 0) return `Could not import ${files}: see why in the list`;
  return bad === 0
    ? `Imported ${plural(ok.length)}`
    : `Imported ${plural(ok.length)}; ${files} could not be read`;
}

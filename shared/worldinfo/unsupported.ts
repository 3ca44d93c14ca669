import { unknownDecorators } from './matching';
import type { WorldInfoEntry } from './types';

const label = (entry: WorldInfoEntry, index: number): string => {
  const comment = typeof entry.comment === 'string' ? entry.comment.trim() : '';
  const keys = Array.isArray(entry.key) ? entry.key.filter((k) => typeof k === 'string') : [];
  return comment || (keys[0] as string | undefined) || `uid ${String(entry.uid ?? index)}`;
};

const names = (labels: string[]): string =>
  labels.length <= 3
    ? labels.map((l) => `"${l}"`).join(', ')
    : `${labels
        .slice(0, 3)
        .map((l) => `"${l}"`)
        .join(', ')} and ${labels.length - 3} more`;

/**
 * The SillyTavern features a book uses that Talaria does not carry out, one sentence each,
 * for the import report and the prompt inspector. Each names the entries concerned and what
 * happens to them instead.
 */
export function unsupportedFeatures(
  entries: readonly WorldInfoEntry[],
  book: { scan_depth?: unknown; token_budget?: unknown; recursive_scanning?: unknown } = {},
): string[] {
  const found = new Map<string, string[]>();
  const add = (message: string, entry: WorldInfoEntry, index: number): void => {
    const list = found.get(message) ?? [];
    list.push(label(entry, index));
    found.set(message, list);
  };
  entries.forEach((entry, index) => {
    if (entry.disable === true) return;
    const position = Number(entry.position ?? 0);
    if (position === 2 || position === 3) {
      add(
        `go ${position === 2 ? 'before' : 'after'} the Author's Note, which Talaria has no slot ` +
          'for: they activate (and count toward the budget) but are not put in the prompt',
        entry,
        index,
      );
    } else if (position === 7) {
      add(
        'go to an outlet ({{outlet::name}}), which Talaria does not expand: they activate but ' +
          'are not put in the prompt',
        entry,
        index,
      );
    } else if (!Number.isInteger(position) || position < 0 || position > 7) {
      add(
        `have position ${String(entry.position)}, which SillyTavern does not know either: left out`,
        entry,
        index,
      );
    }
    if (entry.vectorized === true) {
      add(
        'are "vectorized" (activated by SillyTavern\'s Vector Storage extension): here they ' +
          'activate by their keys only',
        entry,
        index,
      );
    }
    if (typeof entry.automationId === 'string' && entry.automationId.trim() !== '') {
      add('run a Quick Reply automation (automationId), which Talaria does not run', entry, index);
    }
    const filter = entry.characterFilter as { tags?: unknown } | undefined;
    if (Array.isArray(filter?.tags) && filter.tags.length > 0) {
      add(
        "filter by SillyTavern tag ids, which Talaria's tags do not carry: matched against tag " +
          'names instead',
        entry,
        index,
      );
    }
    const unknown = typeof entry.content === 'string' ? unknownDecorators(entry.content) : [];
    if (unknown.length > 0) {
      add(
        `use decorators SillyTavern ignores too (${[...new Set(unknown)].join(', ')}): ignored`,
        entry,
        index,
      );
    }
  });
  const out = [...found].map(
    ([message, labels]) =>
      `${labels.length === 1 ? 'Entry' : `${labels.length} entries`} ${names(labels)} ${message}.`,
  );
  const bookLevel = (['scan_depth', 'token_budget', 'recursive_scanning'] as const).filter(
    (k) => book[k] !== undefined && book[k] !== null,
  );
  if (bookLevel.length > 0) {
    out.push(
      `The book's own ${bookLevel.join(', ')} ${bookLevel.length === 1 ? 'is' : 'are'} kept ` +
        'but, as in SillyTavern, the global world-info settings apply instead.',
    );
  }
  return out;
}

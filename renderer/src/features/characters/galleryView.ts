import type { CharacterSummary } from '../../../../shared/contract/personas';

export type GallerySort = 'recent' | 'name';

/** The gallery's order: most recently changed first, or by name (natural, case-insensitive). */
export function sortCharacters(
  characters: readonly CharacterSummary[],
  sort: GallerySort,
): CharacterSummary[] {
  const byName = (a: CharacterSummary, b: CharacterSummary): number =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });
  return [...characters].sort((a, b) =>
    sort === 'name'
      ? byName(a, b) || b.updatedAt - a.updatedAt
      : b.updatedAt - a.updatedAt || byName(a, b),
  );
}

/** How long ago, in words, for "edited 3 days ago". */
export function agoText(then: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return 'just now';
  const steps: [number, string][] = [
    [60, 'minute'],
    [60 * 60, 'hour'],
    [60 * 60 * 24, 'day'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24 * 365, 'year'],
  ];
  let unit = steps[0] as [number, string];
  for (const step of steps) if (seconds >= step[0]) unit = step;
  const count = Math.floor(seconds / unit[0]);
  return `${count} ${unit[1]}${count === 1 ? '' : 's'} ago`;
}

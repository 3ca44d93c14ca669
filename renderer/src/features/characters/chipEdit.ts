export interface ChipOptions {
  /** Tags are one set whatever their case; lorebook keys keep case (it can matter). */
  ignoreCase?: boolean;
}

const REGEX_LITERAL = /^\/.+\/[a-z]*$/s;

/**
 * What the user typed into a chips input, as chips: split on commas (cards and SillyTavern write
 * lists that way), trimmed, blanks dropped. A `/regex/flags` key is one chip even with commas.
 */
export function parseChips(input: string): string[] {
  const trimmed = input.trim();
  if (REGEX_LITERAL.test(trimmed)) return [trimmed];
  return input
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** `existing` plus the chips in `input` it does not have yet, in the order they were typed. */
export function addChips(existing: string[], input: string, options: ChipOptions = {}): string[] {
  const norm = (s: string): string => (options.ignoreCase ? s.toLocaleLowerCase() : s);
  const seen = new Set(existing.map(norm));
  const next = [...existing];
  for (const chip of parseChips(input)) {
    if (seen.has(norm(chip))) continue;
    seen.add(norm(chip));
    next.push(chip);
  }
  return next;
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** The list with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const [item] = next.splice(from, 1) as [T];
  next.splice(Math.min(Math.max(to, 0), next.length), 0, item);
  return next;
}

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

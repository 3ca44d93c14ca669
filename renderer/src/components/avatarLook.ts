/**
 * Up to two letters for an avatar without a picture, from the first and last words:
 * "Seraphina" → "S", "Lady Mira Vex" → "LV", "Hatsune_Miku" → "HM".
 */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s_-]+/u)
    .filter((w) => /\p{L}|\p{N}/u.test(w));
  const letter = (w: string): string => [...w].find((c) => /\p{L}|\p{N}/u.test(c)) ?? '';
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words.at(-1) : undefined;
  return (letter(first) + (last ? letter(last) : '')).toLocaleUpperCase();
}

/** A stable hue (0–359) per name, so a character or persona keeps its colour everywhere. */
export function hueOf(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}

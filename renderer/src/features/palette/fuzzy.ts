/**
 * Scores how well `query` matches `text` as a subsequence, case-insensitively: consecutive
 * letters and letters at word starts score higher, so "nch" finds "New chat" before
 * "Unchanged". Null when the query's letters do not all appear in order.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s\-_/.:]/.test(t[at - 1] ?? '');
    score +=
      1 + (at === previous + 1 ? 3 : 0) + (wordStart ? 4 : 0) - Math.min(3, (at - from) * 0.05);
    previous = at;
    from = at + 1;
  }
  // A shorter text with the same matches is the better hit.
  return score - t.length * 0.01;
}

/** Items whose label matches, best first; every item, in order, for an empty query. */
export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  label: (item: T) => string,
): T[] {
  if (!query.trim()) return [...items];
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, label(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.item);
}

/**
 * Search snippets mark each hit with these control characters (FTS5 `snippet()` markers).
 * They are not HTML, so a snippet can be split into text pieces and rendered without ever
 * being parsed as markup.
 */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_END = '\u0002';

export interface HighlightPiece {
  text: string;
  /** True for a search hit, to be shown as <mark>. */
  hit: boolean;
}

/**
 * Splits a snippet into plain and highlighted pieces. Stray or unbalanced markers (a message
 * may contain these characters itself) never produce markup; they only change which text is
 * marked, and are removed from the text.
 */
export function splitHighlights(snippet: string): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  let hit = false;
  let text = '';
  const flush = () => {
    if (text) pieces.push({ text, hit });
    text = '';
  };
  for (const ch of snippet) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
      flush();
      hit = ch === HIGHLIGHT_START;
    } else {
      text += ch;
    }
  }
  flush();
  return pieces;
}

/** The title a new conversation gets before it has one. */
const FALLBACK = 'New chat';

/**
 * A conversation's automatic title from its first message: the first line, without the markdown
 * that marks it up (`# `, `> `, list bullets, emphasis, inline code), cut at 60 characters.
 */
export function titleFromMessage(content: string, fallback = FALLBACK): string {
  const first =
    content
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !/^(```|~~~)/.test(l)) ?? '';
  const line = first
    .replace(/^(#{1,6}(\s+|$)|>\s*|[-*+]\s+|\d+[.)]\s+)+/, '')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .trim();
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}…` : line || fallback;
}

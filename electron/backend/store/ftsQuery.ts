/** Longest search input considered; the rest is ignored rather than rejected. */
export const MAX_QUERY_CHARS = 500;
/** Most terms in one query, so a pasted paragraph cannot make a slow many-way AND. */
export const MAX_QUERY_TERMS = 16;

// unicode61 keeps letters, numbers and private-use characters as token characters and treats
// everything else as a separator. A term without any of them would be an empty phrase.
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

/**
 * A one-character prefix ("t*") matches nearly every message and would merge thousands of
 * posting lists; such a star is ignored and the character searched as a word.
 */
export const MIN_PREFIX_CHARS = 2;

function lastTokenLength(text: string): number {
  const tokens = text.split(/[^\p{L}\p{N}\p{Co}]+/u).filter(Boolean);
  return Array.from(tokens.at(-1) ?? '').length;
}

interface Term {
  text: string;
  prefix: boolean;
}

function splitTerms(input: string): Term[] {
  const terms: Term[] = [];
  // A quoted run is a phrase; a quote without its partner is just a separator.
  const pattern = /"([^"]*)"(\*?)|([^\s"]+)/g;
  for (const match of input.matchAll(pattern)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      terms.push({ text: phrase, prefix: match[2] === '*' });
      continue;
    }
    const word = match[3] ?? '';
    const prefix = /\*+$/.test(word);
    terms.push({ text: word.replace(/\*+$/, ''), prefix });
  }
  return terms;
}

/**
 * Turns what a user typed into an FTS5 MATCH expression that cannot be a syntax error. Every
 * term becomes a quoted string (so AND, OR, NOT, NEAR, parentheses, column filters and `-` are
 * plain text), terms are ANDed, `"two words"` is a phrase, and a trailing `*` makes a prefix
 * search. Returns null when nothing searchable is left (empty input, only punctuation).
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  for (const term of splitTerms(input.slice(0, MAX_QUERY_CHARS))) {
    if (!TOKEN_CHAR.test(term.text)) continue;
    // Inside an FTS5 string a double quote is written twice; none survive splitTerms, but the
    // escape keeps this safe if that ever changes.
    const quoted = `"${term.text.replaceAll('"', '""')}"`;
    parts.push(
      term.prefix && lastTokenLength(term.text) >= MIN_PREFIX_CHARS ? `${quoted}*` : quoted,
    );
    if (parts.length === MAX_QUERY_TERMS) break;
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

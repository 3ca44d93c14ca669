/**
 * Key matching and decorators as SillyTavern does them. Its whole-word rule is deliberately
 * kept as is, quirks included, so a book behaves the same in both apps: a key with a space in it
 * matches as a plain substring, and a one-word key needs a non-`\w` character (or the text's
 * edge) on both sides, where `\w` is ASCII-only — so an accented or non-Latin letter next to
 * the key counts as a boundary.
 */

const KNOWN_DECORATORS = ['@@activate', '@@dont_activate'];

const escapeRegex = (text: string): string => text.replace(/[/\-\\^$*+?.()|[\]{}]/g, '\\$&');

/**
 * SillyTavern's `/pattern/flags` key. A pattern with an unescaped `/` inside is not a regex
 * (it is matched as text), and an invalid pattern is not one either.
 */
export function parseRegexKey(key: string): RegExp | null {
  const match = /^\/([\w\W]+?)\/([gimsuy]*)$/.exec(key);
  if (!match) return null;
  const pattern = match[1]!;
  if (/(^|[^\\])\//.test(pattern)) return null;
  try {
    // Only the first escaped slash is unescaped in SillyTavern; doing the same keeps patterns
    // with several `\/` identical (a redundant escape of `/` is harmless in a RegExp anyway).
    return new RegExp(pattern.replace('\\/', '/'), match[2]);
  } catch {
    return null;
  }
}

export interface MatchOptions {
  caseSensitive: boolean;
  matchWholeWords: boolean;
}

/** Does `needle` (one key, already trimmed) occur in `haystack`? */
export function matchKey(haystack: string, needle: string, options: MatchOptions): boolean {
  const regex = parseRegexKey(needle);
  if (regex) {
    // A fresh lastIndex each time, as SillyTavern builds a new RegExp per test.
    regex.lastIndex = 0;
    return regex.test(haystack);
  }
  const text = options.caseSensitive ? haystack : haystack.toLowerCase();
  const key = options.caseSensitive ? needle : needle.toLowerCase();
  if (!options.matchWholeWords) return text.includes(key);
  if (key.split(/\s+/).length > 1) return text.includes(key);
  return new RegExp(`(?:^|\\W)(${escapeRegex(key)})(?:$|\\W)`).test(text);
}

function isKnownDecorator(line: string): boolean {
  const text = line.startsWith('@@@') ? line.slice(1) : line;
  return KNOWN_DECORATORS.some((d) => text.startsWith(d));
}

/**
 * Leading `@@` lines of an entry's content: the known decorators (`@@activate`,
 * `@@dont_activate`) and the content without any of those lines. `@@@x` is a fallback for the
 * `@@` line before it, used only when that one was not understood.
 */
export function parseDecorators(content: string): { decorators: string[]; content: string } {
  if (!content.startsWith('@@')) return { decorators: [], content };
  const lines = content.split('\n');
  const decorators: string[] = [];
  let fallback = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('@@')) return { decorators, content: lines.slice(i).join('\n') };
    if (line.startsWith('@@@') && !fallback) continue;
    if (isKnownDecorator(line)) {
      decorators.push(line.startsWith('@@@') ? line.slice(1) : line);
      fallback = false;
    } else {
      fallback = true;
    }
  }
  // Every line was a decorator: SillyTavern then keeps the content as it was.
  return { decorators, content };
}

/** The `@@` lines that are not decorators SillyTavern knows (reported, never silently dropped). */
export function unknownDecorators(content: string): string[] {
  if (!content.startsWith('@@')) return [];
  const out: string[] = [];
  for (const line of content.split('\n')) {
    if (!line.startsWith('@@')) break;
    if (!isKnownDecorator(line)) out.push(line.split(/\s/)[0]!);
  }
  return out;
}

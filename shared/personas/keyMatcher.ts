/** Tests one lorebook key against one piece of text. */
export type KeyMatcher = (haystack: string) => boolean;

export type CompiledKey = { ok: true; test: KeyMatcher } | { ok: false; error: string };

export interface KeyMatchOptions {
  caseSensitive: boolean;
  wholeWords: boolean;
  /** V3 `use_regex`: a key that is not written `/pattern/flags` is still a pattern. */
  useRegex: boolean;
}

const MAX_PATTERN_LENGTH = 1000;
const ALLOWED_FLAGS = /^[dgimsuvy]*$/;
// A quantified group that itself contains a quantifier, like `(a+)+` or `(\w*\s)*`: the classic
// catastrophic-backtracking shape. A card is untrusted input, and a regex cannot be interrupted.
const NESTED_QUANTIFIER =
  /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
// Scripts written without spaces between words: a "whole word" boundary there would make a key
// match almost nothing, so these edges match as substrings.
const UNSPACED_SCRIPT =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * SillyTavern's `/pattern/flags` form. As there, a pattern with an unescaped `/` is not a regex
 * but plain text (so a key like `/usr/bin/x` still works as words).
 */
export function parseRegexLiteral(key: string): { pattern: string; flags: string } | null {
  const match = /^\/([\s\S]+)\/([a-z]*)$/.exec(key);
  if (!match) return null;
  const pattern = match[1]!;
  if (/(^|[^\\])(\\\\)*\//.test(pattern)) return null;
  return { pattern: pattern.replace(/\\\//g, '/'), flags: match[2]! };
}

function compileRegex(pattern: string, flags: string): CompiledKey {
  if (!ALLOWED_FLAGS.test(flags)) return { ok: false, error: `unknown regex flags "${flags}"` };
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, error: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  if (NESTED_QUANTIFIER.test(pattern)) {
    return { ok: false, error: 'nested repetition like (a+)+ can take forever to match' };
  }
  try {
    // `g` and `y` make RegExp.test stateful (lastIndex); a key is a yes/no question.
    const regex = new RegExp(pattern, [...new Set(flags.replace(/[gy]/g, ''))].join(''));
    return { ok: true, test: (haystack) => regex.test(haystack) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function wholeWordPattern(needle: string): RegExp {
  const first = needle.charAt(0);
  const last = needle.slice(-1);
  const bounded = (ch: string): boolean => WORD_CHAR.test(ch) && !UNSPACED_SCRIPT.test(ch);
  const before = bounded(first) ? '(?<![\\p{L}\\p{N}\\p{M}_])' : '';
  const after = bounded(last) ? '(?![\\p{L}\\p{N}\\p{M}_])' : '';
  return new RegExp(before + escapeRegex(needle) + after, 'u');
}

/**
 * Compiles a key. Plain keys match as substrings, or as whole words (Unicode letters, digits and
 * marks are word characters; a multi-word key must match as a phrase bounded at both ends).
 * Regex keys (`/pattern/flags`, or any key when `useRegex`) ignore both settings, as in
 * SillyTavern, except that a bare `useRegex` pattern follows the entry's case sensitivity.
 * An invalid or dangerous pattern is reported, never thrown.
 */
export function compileKey(rawKey: string, options: KeyMatchOptions): CompiledKey | null {
  const key = rawKey.trim();
  if (key === '') return null;
  const literal = parseRegexLiteral(key);
  if (literal) return compileRegex(literal.pattern, literal.flags);
  if (options.useRegex) return compileRegex(key, options.caseSensitive ? '' : 'i');
  const fold = (text: string): string => (options.caseSensitive ? text : text.toLowerCase());
  const needle = fold(key);
  if (!options.wholeWords) return { ok: true, test: (haystack) => fold(haystack).includes(needle) };
  const regex = wholeWordPattern(needle);
  return { ok: true, test: (haystack) => regex.test(fold(haystack)) };
}

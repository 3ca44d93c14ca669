import {
  formatDate,
  formatIsoDate,
  formatIsoTime,
  formatTime,
  formatTimeAtUtcOffset,
  formatWeekday,
  type DateFormatOptions,
} from './dates';
import { pickIndex, type RandomSource } from './random';

/** What the macros expand to. Only `user`, `char` and `now` are required. */
export interface MacroContext extends DateFormatOptions {
  /** `{{user}}` / `<USER>`: the user persona's name. */
  user: string;
  /** `{{char}}` / `<BOT>` / `<CHAR>`: the character's name. */
  char: string;
  /** The clock for `{{date}}`, `{{time}}`, `{{weekday}}`, `{{isodate}}`, `{{isotime}}`. */
  now: Date;
  /** For `{{random}}` and `{{roll}}`. Default Math.random; `seededRandom(...)` reproduces. */
  random?: RandomSource;
  /** `{{original}}`: the text an override replaces; only its first use expands (SillyTavern). */
  original?: string;
  /** `{{description}}`, `{{personality}}`, `{{scenario}}`, `{{persona}}`; kept as is if unset. */
  description?: string;
  personality?: string;
  scenario?: string;
  persona?: string;
  /** Further macros, by name (matched case-insensitively). */
  variables?: Readonly<Record<string, string>>;
}

// A private-use marker for `{{trim}}`: it must survive until every macro is expanded, because
// `{{newline}}{{trim}}` trims the newline the first macro produced (as in SillyTavern).
const TRIM_MARK = '\uE000talaria-trim\uE001';
const MAX_NESTING = 16;
const LEGACY = /<(user|bot|char|charifnotgroup|group)>/iy;
const RANDOM = /^random\s?::?([\s\S]*)$/i;
const ROLL = /^roll[\s:]+(\d*)d(\d+)\s*(?:([+-])\s*(\d+))?\s*$|^roll[\s:]+(\d+)\s*$/i;
const TIME_UTC = /^time_utc([+-]\d{1,2})$/i;

interface ExpandState {
  readonly context: MacroContext;
  originalUsed: boolean;
}

/**
 * Expands SillyTavern macros in `text`: `{{user}}`, `{{char}}`, `{{date}}`, `{{time}}`,
 * `{{weekday}}`, `{{isodate}}`, `{{isotime}}`, `{{time_UTC+2}}`, `{{random:a,b}}` /
 * `{{random::a::b}}`, `{{roll:2d6+1}}`, `{{newline}}`, `{{trim}}`, `{{noop}}`, `{{// comment}}`,
 * `{{original}}`, the character fields, and the legacy `<USER>`, `<BOT>`, `<CHAR>`. Names are
 * case-insensitive. Macros may nest (`{{random:{{user}},{{char}}}}`); a macro's value is never
 * expanded again, so a name containing `{{char}}` stays as written. Unknown macros are kept.
 */
export function expandMacros(text: string, context: MacroContext): string {
  if (!text) return '';
  const state: ExpandState = { context, originalUsed: false };
  const expanded = expand(text, state, 0);
  if (!expanded.includes(TRIM_MARK)) return expanded;
  return expanded.replace(new RegExp(`\\n*${TRIM_MARK}\\n*`, 'g'), '');
}

function expand(text: string, state: ExpandState, nesting: number): string {
  const pairs = pairMacros(text);
  let out = '';
  let i = 0;
  // Cached next positions: recomputing both on every step would be quadratic on text full of '<'.
  let brace = -1;
  let angle = -1;
  const find = (needle: string): number => {
    const at = text.indexOf(needle, i);
    return at < 0 ? Infinity : at;
  };
  while (i < text.length) {
    if (brace < i) brace = find('{{');
    if (angle < i) angle = find('<');
    const next = Math.min(brace, angle);
    if (next === Infinity) return out + text.slice(i);
    out += text.slice(i, next);
    if (next === angle) {
      LEGACY.lastIndex = angle;
      const legacy = LEGACY.exec(text);
      if (legacy) {
        const user = legacy[1]!.toLowerCase() === 'user';
        out += user ? state.context.user : state.context.char;
        i = angle + legacy[0].length;
      } else {
        out += '<';
        i = angle + 1;
      }
      continue;
    }
    const close = pairs.get(brace);
    if (close === undefined || nesting >= MAX_NESTING) {
      // `{{{user}}}` (the outer brace is text, as in SillyTavern) or an unclosed `{{`.
      out += '{';
      i = brace + 1;
      continue;
    }
    const body = text.slice(brace + 2, close);
    i = close + 2;
    if (body.trimStart().startsWith('//')) continue;
    const inner = expand(body, state, nesting + 1);
    out += evaluate(inner, state) ?? `{{${inner}}}`;
  }
  return out;
}

/**
 * Pairs each macro's `{{` with its `}}` in one pass, nesting included. `{{{` counts as a literal
 * brace followed by `{{`; a `}}` with nothing open is text.
 */
function pairMacros(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  let j = text.indexOf('{');
  while (j >= 0 && j < text.length - 1) {
    if (text.startsWith('{{', j) && text[j + 2] !== '{') {
      open.push(j);
      j += 2;
    } else if (text.startsWith('}}', j)) {
      const start = open.pop();
      if (start !== undefined) pairs.set(start, j);
      j += 2;
    } else j++;
    if (open.length === 0) {
      // Nothing open: skip straight to the next brace.
      const next = text.indexOf('{', j);
      if (next < 0) break;
      j = next;
    }
  }
  return pairs;
}

function evaluate(body: string, state: ExpandState): string | undefined {
  const { context } = state;
  const name = body.trim();
  const key = name.toLowerCase();
  switch (key) {
    case 'user':
      return context.user;
    case 'char':
      return context.char;
    case 'newline':
      return '\n';
    case 'trim':
      return TRIM_MARK;
    case 'noop':
      return '';
    case 'date':
      return formatDate(context.now, context);
    case 'time':
      return formatTime(context.now, context);
    case 'weekday':
      return formatWeekday(context.now, context);
    case 'isodate':
      return formatIsoDate(context.now, context);
    case 'isotime':
      return formatIsoTime(context.now, context);
    case 'original':
      if (state.originalUsed) return '';
      state.originalUsed = true;
      return context.original ?? '';
    case 'description':
    case 'personality':
    case 'scenario':
    case 'persona':
      return context[key];
  }
  const random = RANDOM.exec(name);
  if (random) return randomPick(random[1]!, context.random ?? Math.random);
  const roll = ROLL.exec(name);
  if (roll) return rollDice(roll, context.random ?? Math.random);
  const utc = TIME_UTC.exec(name);
  if (utc) return formatTimeAtUtcOffset(context.now, Number(utc[1]), context);
  return variable(context.variables, key);
}

function variable(
  variables: Readonly<Record<string, string>> | undefined,
  key: string,
): string | undefined {
  if (variables === undefined) return undefined;
  for (const [name, value] of Object.entries(variables)) {
    if (name.toLowerCase() === key) return value;
  }
  return undefined;
}

/** SillyTavern's list syntax: `::` separates verbatim items, else commas (`\,` escapes one). */
function randomPick(list: string, random: RandomSource): string {
  if (list.trim() === '') return '';
  const items = list.includes('::')
    ? list.split('::')
    : list.split(/(?<!\\),/).map((item) => item.trim().replace(/\\,/g, ','));
  return items[pickIndex(random, items.length)] ?? '';
}

function rollDice(match: RegExpExecArray, random: RandomSource): string {
  const count = match[5] !== undefined ? 1 : Number(match[1] || '1');
  const sides = Number(match[5] ?? match[2]);
  const modifier = match[4] === undefined ? 0 : Number(match[4]) * (match[3] === '-' ? -1 : 1);
  // An invalid formula expands to nothing, as in SillyTavern; the caps keep a card from hanging us.
  if (count < 1 || count > 1000 || sides < 1 || sides > 1_000_000) return '';
  let total = modifier;
  for (let i = 0; i < count; i++) total += pickIndex(random, sides) + 1;
  return String(total);
}

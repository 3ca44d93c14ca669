import { parsePythonLiteral } from './pythonLiteral';
import type { ParsedToolCall, ParseToolCallsResult, ToolCallParseError } from './types';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
// Generation normally stops before the end-of-turn token, but raw completions keep it.
const TRAILING_EOT = /(?:<\|im_end\|>|<\|eot_id\|>|<\|end_of_text\|>)\s*$/;

/**
 * Extracts Hermes tool calls from assistant output. Accepts the template's name-first JSON, the
 * model cards' arguments-first order, Python-dict bodies (the reference loop's
 * `ast.literal_eval` fallback), several calls, prose around them, `arguments` given as a JSON
 * string, and a final `<tool_call>` left open when generation ended. Never throws: a body that
 * cannot be read becomes an entry in `errors`.
 */
export function parseToolCalls(text: string): ParseToolCallsResult {
  const calls: ParsedToolCall[] = [];
  const errors: ToolCallParseError[] = [];
  const warnings: string[] = [];
  const outside: string[] = [];
  let pos = 0;
  for (;;) {
    const start = text.indexOf(OPEN, pos);
    if (start < 0) {
      outside.push(text.slice(pos));
      break;
    }
    outside.push(text.slice(pos, start));
    const bodyStart = start + OPEN.length;
    // Tags inside a JSON string ("use <tool_call> tags") are text, not the end of the call.
    const close = tagOutsideStrings(text, CLOSE, bodyStart);
    // A model that forgets a closing tag starts the next call right away.
    const reopen = tagOutsideStrings(text, OPEN, bodyStart);
    let bodyEnd: number;
    if (reopen >= 0 && (close < 0 || reopen < close)) {
      bodyEnd = reopen;
      pos = reopen;
    } else if (close >= 0) {
      bodyEnd = close;
      pos = close + CLOSE.length;
    } else {
      bodyEnd = text.length;
      pos = text.length;
    }
    const raw = text.slice(bodyStart, bodyEnd);
    const unclosed = bodyEnd === text.length;
    const result = parseBody(raw);
    if ('message' in result) {
      const cutOff = unclosed ? 'The tool call was cut off before </tool_call>. ' : '';
      errors.push({ raw, message: cutOff + result.message });
    } else {
      calls.push(...result.calls);
      warnings.push(...result.warnings);
    }
  }
  const content = outside.join('').split(CLOSE).join('').replace(TRAILING_EOT, '').trim();
  return { content, calls, errors, warnings };
}

/**
 * Where `tag` next occurs at or after `from` outside any quoted string of a JSON (or Python
 * dict) value; quotes count only inside braces/brackets, so prose apostrophes do not. Falls back
 * to the plain search when the text never balances (a body cut off mid-string).
 */
function tagOutsideStrings(text: string, tag: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (depth > 0 && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && depth > 0) depth--;
    else if (depth === 0 && text.startsWith(tag, i)) return i;
  }
  return quote === null && depth === 0 ? -1 : text.indexOf(tag, from);
}

/**
 * True when a tool-call body written so far ends inside a quoted string, i.e. a `</tool_call>`
 * the model writes next belongs to a string argument. The decoding loop uses it not to stop there.
 */
export function endsInsideString(body: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (depth > 0 && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && depth > 0) depth--;
  }
  return quote !== null;
}

type BodyResult = { calls: ParsedToolCall[]; warnings: string[] } | { message: string };

function parseBody(raw: string): BodyResult {
  const body = stripFence(raw.trim().replace(TRAILING_EOT, '').trim());
  if (body === '') return { message: 'Empty tool call.' };
  // Several objects back to back in one block are several calls, not one call and junk.
  const parts = topLevelValues(body);
  const sources = parts.length > 1 ? parts : [body];
  const calls: ParsedToolCall[] = [];
  const warnings: string[] = [];
  for (const source of sources) {
    const value = readValue(source);
    if ('error' in value) return { message: `Could not parse the tool call: ${value.error}` };
    const items = Array.isArray(value.value) ? value.value : [value.value];
    for (const item of items) {
      const call = toCall(item);
      if (typeof call === 'string') return { message: call };
      const unsafe = unsafeIntegers(source);
      if (unsafe.length > 0) {
        call.raw = source;
        warnings.push(
          `Tool call "${call.name}": ${unsafe.join(', ')} ${unsafe.length > 1 ? 'are' : 'is'} ` +
            "beyond 2^53 and lost precision as a JavaScript number; the exact text is in the call's raw.",
        );
      }
      calls.push(call);
    }
  }
  if (calls.length === 0) return { message: 'Empty tool call.' };
  return { calls, warnings };
}

/** The body split into its top-level {...}/[...] values when nothing but whitespace is between. */
function topLevelValues(body: string): string[] {
  const parts: string[] = [];
  let rest = body;
  while (rest !== '') {
    if (rest[0] !== '{' && rest[0] !== '[') return [];
    const end = balancedEnd(rest);
    if (end < 0) return [];
    parts.push(rest.slice(0, end));
    rest = rest.slice(end).trimStart();
  }
  return parts;
}

/** Integer literals outside strings whose value a JS number cannot hold exactly. */
function unsafeIntegers(source: string): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (/[-\d]/.test(ch ?? '') && !/[\w.]/.test(source[i - 1] ?? '')) {
      const match = /^-?\d+(?![.\deE])/.exec(source.slice(i));
      if (match) {
        const digits = match[0].replace('-', '');
        if (digits.length >= 16 && !Number.isSafeInteger(Number(match[0]))) out.push(match[0]);
        i += match[0].length - 1;
      }
    }
  }
  return out;
}

function stripFence(body: string): string {
  const fence = /^```[\w-]*\s*\n([\s\S]*?)\n?```$/.exec(body);
  return fence?.[1] !== undefined ? fence[1].trim() : body;
}

/** JSON first, then a Python literal, then the first balanced {...} with junk around it. */
function readValue(body: string): { value: unknown } | { error: string } {
  let jsonError: string;
  try {
    return { value: JSON.parse(body) as unknown };
  } catch (error) {
    jsonError = (error as Error).message;
  }
  try {
    return { value: parsePythonLiteral(body) };
  } catch {
    // fall through to the balanced-object attempt
  }
  const object = firstBalancedObject(body);
  if (object !== null && object !== body) return readValue(object);
  return { error: jsonError };
}

function toCall(value: unknown): ParsedToolCall | string {
  if (!isRecord(value)) return 'A tool call must be a JSON object with "name" and "arguments".';
  // OpenAI shape {"type": "function", "function": {...}} from models that saw it in prompts.
  const source = isRecord(value['function']) ? value['function'] : value;
  const name = source['name'];
  if (typeof name !== 'string' || name.trim() === '') {
    return 'The tool call has no "name" (expected {"name": ..., "arguments": {...}}).';
  }
  const args = readArguments(source['arguments'] ?? source['parameters'] ?? source['args']);
  if (typeof args === 'string') return `Tool call "${name}": ${args}`;
  return { name: name.trim(), arguments: args };
}

function readArguments(value: unknown): Record<string, unknown> | string {
  if (value === undefined || value === null) return {};
  if (isRecord(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return {};
    const parsed = readValue(text);
    if ('error' in parsed)
      return `"arguments" is a string that is not a JSON object: ${parsed.error}`;
    const end = text.startsWith('{') ? balancedEnd(text) : -1;
    if (end >= 0 && text.slice(end).trim() !== '') {
      return `"arguments" is a string with text after its JSON object: ${JSON.stringify(text.slice(end).trim())}`;
    }
    if (isRecord(parsed.value)) return parsed.value;
  }
  return '"arguments" must be an object.';
}

/** The first {...} in the text, skipping braces inside quoted strings. */
function firstBalancedObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  const end = balancedEnd(text.slice(start));
  return end < 0 ? null : text.slice(start, start + end);
}

/** The end (exclusive) of the {...} or [...] value that `text` starts with; -1 if it never closes. */
function balancedEnd(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && --depth === 0) return i + 1;
  }
  return -1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

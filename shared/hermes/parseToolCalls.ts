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
    const close = text.indexOf(CLOSE, bodyStart);
    // A model that forgets a closing tag starts the next call right away.
    const reopen = text.indexOf(OPEN, bodyStart);
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
    } else calls.push(...result.calls);
  }
  const content = outside.join('').split(CLOSE).join('').replace(TRAILING_EOT, '').trim();
  return { content, calls, errors };
}

type BodyResult = { calls: ParsedToolCall[] } | { message: string };

function parseBody(raw: string): BodyResult {
  const body = stripFence(raw.trim().replace(TRAILING_EOT, '').trim());
  if (body === '') return { message: 'Empty tool call.' };
  const value = readValue(body);
  if ('error' in value) return { message: `Could not parse the tool call: ${value.error}` };
  const items = Array.isArray(value.value) ? value.value : [value.value];
  const calls: ParsedToolCall[] = [];
  for (const item of items) {
    const call = toCall(item);
    if (typeof call === 'string') return { message: call };
    calls.push(call);
  }
  if (calls.length === 0) return { message: 'Empty tool call.' };
  return { calls };
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
  const args = readArguments(source['arguments'] ?? source['parameters']);
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
    if (isRecord(parsed.value)) return parsed.value;
  }
  return '"arguments" must be an object.';
}

/** The first {...} in the text, skipping braces inside quoted strings. */
function firstBalancedObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

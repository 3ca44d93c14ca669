import { jsonSchemaToPythonType } from './pythonType';
import { pyJsonDumps, pyNumber } from './tojson';
import type { HermesFunction, HermesTool, JsonSchema } from './types';

const PREAMBLE =
  'You are a function calling AI model. You are provided with function signatures within ' +
  '<tools></tools> XML tags. You may call one or more functions to assist with the user query. ' +
  "Don't make assumptions about what values to plug into functions. Here are the available " +
  'tools: <tools> ';

// The template's own text after the tool list, quirks included: no space after </tools>, a
// stray "}" after the FunctionCall schema, and name-first call order (the model cards show
// arguments-first; the parser accepts both).
const POSTAMBLE =
  ' </tools>' +
  'Use the following pydantic model json schema for each tool call you will make: ' +
  '{"properties": {"name": {"title": "Name", "type": "string"}, "arguments": {"title": ' +
  '"Arguments", "type": "object"}}, "required": ["name", "arguments"], "title": "FunctionCall", ' +
  '"type": "object"}}\n' +
  'For each function call return a json object with function name and arguments within ' +
  '<tool_call></tool_call> XML tags as follows:\n' +
  '<tool_call>\n' +
  '{"name": <function-name>, "arguments": <args-dict>}\n' +
  '</tool_call>';

/**
 * The system turn text of the Hermes 3 tool_use template (without `<|im_start|>system\n` and
 * `<|im_end|>`). Descriptions go in raw, newlines and quotes included, exactly as the template
 * does; the model was trained on that.
 */
export function hermesToolSystemPrompt(tools: readonly HermesTool[]): string {
  return PREAMBLE + tools.map((tool) => renderTool(toolFunction(tool))).join('\n') + POSTAMBLE;
}

export function toolFunction(tool: HermesTool): HermesFunction {
  return 'function' in tool && isRecord(tool.function) ? tool.function : (tool as HermesFunction);
}

function renderTool(fn: HermesFunction): string {
  const name = pyStr(fn.name);
  const params: unknown = fn.parameters;
  const rawProps = isRecord(params) ? params['properties'] : undefined;
  const props = isRecord(rawProps) ? Object.entries(rawProps) : [];
  const signature = props.map(([key, spec]) => `${key}: ${jsonSchemaToPythonType(spec)}`);
  const ret: unknown = fn.return;
  const hasReturn = 'return' in fn && ret !== undefined;

  let out = `{"type": "function", "function": {"name": "${name}", "description": "${name}(`;
  out += signature.join(', ') + ')';
  if (hasReturn) out += ' -> ' + jsonSchemaToPythonType(ret);
  // The template fails on a tool without a description; an empty one is the useful reading.
  out += ' - ' + (fn.description === undefined ? '' : pyStr(fn.description)) + '\n\n';
  if (props.length > 0) out += '    Args:\n';
  for (const [key, spec] of props) {
    const description = isRecord(spec) ? spec['description'] : undefined;
    // No newline between arguments: the template's own (lack of) layout.
    out += `        ${key}(${jsonSchemaToPythonType(spec)}): ${pyStrip(pyStr(description))}`;
  }
  if (hasReturn && isRecord(ret) && ret['description'] !== undefined) {
    out += '\n    Returns:\n        ' + pyStr(ret['description']);
  }
  out += '", "parameters": ';
  out += props.length === 0 ? '{}' : pyJsonDumps(params as JsonSchema);
  return out + '}}';
}

/** Jinja's string conversion of a value (Python `str`); undefined becomes "". */
function pyStr(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  return pyJsonDumps(value);
}

// Python's str.isspace() set: unlike JS trim() it strips \x1c-\x1f and \x85 but keeps U+FEFF.
const PY_WS =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_WS}]+|[${PY_WS}]+$`, 'g');

/** Python's `str.strip()`, which Jinja's `trim` filter calls. */
export function pyStrip(s: string): string {
  return s.replace(PY_STRIP, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { JsonSchemaObject, ToolChoice } from '../../../../shared/contract/tools';
import { findJsonError } from './jsonError';

/** The contract's rule for tool names (Python identifiers, as the Hermes template prints them). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a tool name cannot be saved, in words; null when it can. */
export function toolNameProblem(name: string, taken: readonly string[]): string | null {
  if (name === '') return 'Give the tool a name.';
  if (name.length > 64) return 'Use at most 64 characters.';
  if (!IDENTIFIER.test(name))
    return 'Use letters, digits and _ only, not starting with a digit (e.g. lookup_city).';
  if (taken.includes(name)) return `There is already a tool called "${name}".`;
  return null;
}

export type SchemaText =
  | { ok: true; schema: JsonSchemaObject }
  | { ok: false; message: string; line: number | null; column: number | null };

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses the schema editor's text: JSON, and an object (a tool's parameters are one). */
export function parseSchemaText(text: string): SchemaText {
  if (text.trim() === '')
    return { ok: false, message: 'The schema is empty.', line: null, column: null };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, message: 'A JSON Schema is an object: { … }.', line: null, column: null };
    }
    return { ok: true, schema: value as JsonSchemaObject };
  } catch {
    const found = findJsonError(text);
    const where = found ? lineAndColumn(text, found.offset) : null;
    return {
      ok: false,
      message: found?.message ?? 'Not valid JSON.',
      line: where?.line ?? null,
      column: where?.column ?? null,
    };
  }
}

/** The `<select>` value of a tool choice: `auto`, `none`, `required` or `tool:<name>`. */
export function choiceValue(choice: ToolChoice): string {
  return typeof choice === 'string' ? choice : `tool:${choice.name}`;
}

export function choiceFromValue(value: string): ToolChoice {
  if (value.startsWith('tool:')) return { name: value.slice(5) };
  if (value === 'none' || value === 'required') return value;
  return 'auto';
}

/** The enabled list after switching one tool, and the tool choice that stays valid with it. */
export function toggleTool(
  enabled: readonly string[],
  choice: ToolChoice,
  name: string,
  on: boolean,
): { enabled: string[]; toolChoice: ToolChoice } {
  const next = on ? [...new Set([...enabled, name])] : enabled.filter((n) => n !== name);
  const named = typeof choice === 'object' && !next.includes(choice.name);
  return { enabled: next, toolChoice: named ? 'auto' : choice };
}

export const EMPTY_PARAMETERS = '{\n  "type": "object",\n  "properties": {},\n  "required": []\n}';

export function prettySchema(schema: unknown): string {
  return JSON.stringify(schema, null, 2);
}

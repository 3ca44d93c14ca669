import type { EvalCase, JsonObject } from './types';

/** BFCL's GORILLA_TO_OPENAPI: its Python-ish doc types to JSON Schema types. */
const TO_JSON_SCHEMA: Record<string, string> = {
  integer: 'integer',
  number: 'number',
  float: 'number',
  string: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  dict: 'object',
  object: 'object',
  tuple: 'array',
  any: 'string',
};

const PYTHON_HINT = ' Note that the provided function is in Python 3 syntax.';

/** A function doc as BFCL writes it (`type: "dict"`, `float`, `tuple`, `any`, dotted names). */
export interface BfclFunction {
  name: string;
  description?: string;
  parameters: JsonObject;
}

/** BFCL's tool name for OpenAI-style models: `.` is not allowed there, so it becomes `_`. */
export function toolName(name: string): string {
  return name.replace(/\./g, '_');
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function mapType(type: unknown): string {
  return typeof type === 'string' ? (TO_JSON_SCHEMA[type] ?? 'string') : 'string';
}

/** BFCL's `_cast_to_openai_type`, including its float note and its nesting limits. */
function castProperties(properties: JsonObject): JsonObject {
  for (const value of Object.values(properties)) {
    const prop = value as JsonObject;
    if (prop.type === 'float') {
      prop.format = 'float';
      prop.description = `${typeof prop.description === 'string' ? prop.description : ''} This is a float type value.`;
    }
    prop.type = mapType(prop.type);
    if (prop.type !== 'array' && prop.type !== 'object') continue;
    if (prop.properties && typeof prop.properties === 'object') {
      prop.properties = castProperties(prop.properties as JsonObject);
    } else if (prop.items && typeof prop.items === 'object') {
      const items = prop.items as JsonObject;
      items.type = mapType(items.type);
      if (items.type === 'array' && items.items && typeof items.items === 'object') {
        const inner = items.items as JsonObject;
        inner.type = mapType(inner.type);
      } else if (
        items.type === 'object' &&
        items.properties &&
        typeof items.properties === 'object'
      ) {
        items.properties = castProperties(items.properties as JsonObject);
      }
    }
  }
  return properties;
}

/**
 * BFCL's function doc as the OpenAI-style tool BFCL sends to function-calling models: the
 * Python-syntax hint appended to the description (its language pre-processing), dots in the
 * name turned into underscores, `dict` → `object`, `float` → `number` (with `format: "float"`
 * and a note), `tuple` → `array`, `any` and unknown types → `string`.
 */
export function bfclTool(fn: BfclFunction): EvalCase['tools'][number] {
  const doc = clone(fn);
  const parameters = doc.parameters;
  parameters.type = 'object';
  parameters.properties = castProperties((parameters.properties ?? {}) as JsonObject);
  return {
    type: 'function',
    function: {
      name: toolName(doc.name),
      description: `${doc.description ?? ''}${PYTHON_HINT}`,
      parameters,
    },
  };
}

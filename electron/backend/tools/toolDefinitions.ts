import { TalariaError, type ErrorDetails } from '../../../shared/contract/errors';
import type {
  JsonSchemaObject,
  OpenAiTool,
  ToolDefinition,
  ToolMock,
} from '../../../shared/contract/tools';
import { ToolCallValidator } from '../../../shared/hermes';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_NAME = 64;

/** Parameters of a tool that takes none. */
export const NO_PARAMETERS: JsonSchemaObject = { type: 'object', properties: {} };

/** Why a tool name is unusable, or null. `taken` holds the other names in scope. */
export function nameProblem(
  name: string,
  taken: ReadonlySet<string>,
  builtins: ReadonlySet<string>,
): string | null {
  if (!IDENTIFIER.test(name)) {
    return `"${name}" is not a valid tool name: use letters, digits and underscores, not starting with a digit.`;
  }
  if (name.length > MAX_NAME)
    return `The tool name "${name}" is longer than ${MAX_NAME} characters.`;
  if (builtins.has(name)) return `"${name}" is the name of a built-in tool; pick another name.`;
  if (taken.has(name)) return `A tool named "${name}" already exists in this conversation.`;
  return null;
}

/** Why a parameters schema is unusable, or null. Tool arguments are always a JSON object. */
export function parametersProblem(parameters: unknown): string | null {
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return 'The parameters must be a JSON Schema object, e.g. {"type": "object", "properties": {}}.';
  }
  const type = (parameters as Record<string, unknown>)['type'];
  if (type !== undefined && type !== 'object') {
    return `The parameters schema must describe an object (type "object"), not ${JSON.stringify(type)}.`;
  }
  return schemaProblem(parameters);
}

/** The ajv compile error of a JSON Schema, or null when it compiles. */
export function schemaProblem(schema: unknown): string | null {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return 'A JSON Schema must be an object.';
  }
  try {
    new ToolCallValidator([{ name: 'schema', parameters: schema as JsonSchemaObject }]);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(
      /^The parameters schema of tool "schema" is not valid JSON Schema: /,
      'Invalid JSON Schema: ',
    );
  }
}

export function mockProblem(mock: unknown): string | null {
  if (typeof mock !== 'object' || mock === null)
    return 'The mock must be {mode: "canned" | "ask"}.';
  const m = mock as Record<string, unknown>;
  if (m['mode'] === 'ask') return null;
  if (m['mode'] === 'canned') {
    return typeof m['response'] === 'string' ? null : 'A canned mock needs a "response" string.';
  }
  return 'The mock mode must be "canned" or "ask".';
}

/** A tool entry read from OpenAI `tools` JSON. */
export interface ImportedTool {
  name: string;
  description: string;
  parameters: JsonSchemaObject;
}

/**
 * Reads OpenAI `tools` JSON: an array of `{type: "function", function: {...}}` (bare function
 * objects too), `{tools: [...]}`, or either as text. Every bad entry is reported, by position.
 */
export function readOpenAiTools(
  input: unknown,
  mock: ToolMock | undefined,
): {
  tools: ImportedTool[];
  errors: string[];
} {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch (error) {
      return { tools: [], errors: [`The tools are not valid JSON: ${(error as Error).message}`] };
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'tools' in value) {
    value = (value as { tools: unknown }).tools;
  }
  if (!Array.isArray(value)) {
    return { tools: [], errors: ['Expected a JSON array of tools (OpenAI "tools" format).'] };
  }
  const tools: ImportedTool[] = [];
  const errors: string[] = [];
  if (mock !== undefined) {
    const problem = mockProblem(mock);
    if (problem) errors.push(problem);
  }
  value.forEach((entry, index) => {
    const fn =
      typeof entry === 'object' && entry !== null && 'function' in entry
        ? (entry as { function: unknown }).function
        : entry;
    if (typeof fn !== 'object' || fn === null) {
      errors.push(`Tool ${index + 1}: expected {"type": "function", "function": {...}}.`);
      return;
    }
    const f = fn as Record<string, unknown>;
    const name = typeof f['name'] === 'string' ? f['name'] : '';
    const label = `Tool ${index + 1}${name ? ` (${name})` : ''}`;
    if (f['description'] !== undefined && typeof f['description'] !== 'string') {
      errors.push(`${label}: "description" must be a string.`);
      return;
    }
    const parameters = f['parameters'] ?? NO_PARAMETERS;
    const problem = parametersProblem(parameters);
    if (problem) errors.push(`${label}: ${problem}`);
    else
      tools.push({
        name,
        description: (f['description'] as string | undefined) ?? '',
        parameters: parameters as JsonSchemaObject,
      });
  });
  return { tools, errors };
}

export function toOpenAiTool(
  tool: Pick<ToolDefinition, 'name' | 'description' | 'parameters'>,
): OpenAiTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

export function invalid(message: string, details?: ErrorDetails['INVALID_INPUT']): TalariaError {
  return new TalariaError('INVALID_INPUT', message, details);
}

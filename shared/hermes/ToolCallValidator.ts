import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { TalariaError } from '../contract/errors';
import { toolFunction } from './toolSystemPrompt';
import type { HermesTool, ToolCallValidation } from './types';

interface CompiledTool {
  validate: ValidateFunction;
}

/**
 * Checks parsed tool calls against one tool set with full JSON Schema validation (ajv). Compiles
 * every tool's parameter schema once, in the constructor, because ajv compilation is slow; keep
 * one instance per tool set. Error messages are written to be sent back to the model.
 */
export class ToolCallValidator {
  private readonly tools = new Map<string, CompiledTool>();

  /** @throws TalariaError INVALID_INPUT when a tool's parameter schema is not valid JSON Schema. */
  constructor(tools: readonly HermesTool[]) {
    // One ajv per draft for the whole set: creating an ajv instance costs as much as a compile.
    const shared = new Map<boolean, Ajv>();
    for (const tool of tools) {
      const fn = toolFunction(tool);
      const schema = parameterSchema(fn.parameters);
      const modern = schema['$schema'] === DRAFT_2020;
      if (!modern) delete schema['$schema'];
      let ajv = shared.get(modern);
      if (ajv === undefined) shared.set(modern, (ajv = createAjv(modern)));
      let validate: ValidateFunction;
      try {
        validate = ajv.compile(schema);
      } catch {
        // A clash of $id between tools in the shared instance: retry alone, for the real error.
        validate = compileAlone(fn.name, schema, modern);
      }
      this.tools.set(fn.name, { validate });
    }
  }

  get toolNames(): string[] {
    return [...this.tools.keys()];
  }

  validate(call: { name: string; arguments: unknown }): ToolCallValidation {
    const tool = this.tools.get(call.name);
    if (tool === undefined) {
      const known = this.toolNames.map((n) => `"${n}"`).join(', ');
      const error = `Unknown tool "${call.name}". Available tools: ${known || 'none'}.`;
      return { ok: false, errors: [error], message: error };
    }
    if (tool.validate(call.arguments)) return { ok: true };
    const errors = describeErrors(tool.validate.errors ?? []);
    return {
      ok: false,
      errors,
      message: `Invalid arguments for ${call.name}: ${errors.join('; ')}`,
    };
  }
}

const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';
// strict: false because real tool schemas carry extra keywords (examples, x-*) ajv would reject.
const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

function createAjv(modern: boolean): Ajv {
  const ajv = modern ? new Ajv2020(AJV_OPTIONS) : new Ajv(AJV_OPTIONS);
  addFormats(ajv);
  return ajv;
}

function compileAlone(name: string, schema: object, modern: boolean): ValidateFunction {
  try {
    return createAjv(modern).compile(schema);
  } catch (error) {
    throw new TalariaError(
      'INVALID_INPUT',
      `The parameters schema of tool "${name}" is not valid JSON Schema: ${(error as Error).message}`,
    );
  }
}

function parameterSchema(parameters: unknown): Record<string, unknown> {
  if (typeof parameters !== 'object' || parameters === null) return { type: 'object' };
  // A copy, so deleting $schema never touches the caller's tool definition.
  return { ...(parameters as Record<string, unknown>) };
}

/** One readable line per problem; sub-errors of a failed anyOf/oneOf are folded into it. */
export function describeErrors(errors: readonly ErrorObject[]): string[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const kept = errors.filter(
    (e) => !unions.some((u) => u !== e && e.schemaPath.startsWith(u.schemaPath + '/')),
  );
  return [...new Set(kept.map(describe))];
}

function describe(error: ErrorObject): string {
  const at = pathOf(error.instancePath);
  const subject = at === '' ? 'arguments' : `"${at}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = join(at, String(params['missingProperty']));
      return `missing required ${at === '' ? 'argument' : 'property'} "${missing}"`;
    }
    case 'additionalProperties': {
      const extra = join(at, String(params['additionalProperty']));
      return `unexpected ${at === '' ? 'argument' : 'property'} "${extra}"`;
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(show).join(', ');
      return `${subject} must be one of ${allowed} (got ${show(error.data)})`;
    }
    case 'const':
      return `${subject} must be ${show(params['allowedValue'])} (got ${show(error.data)})`;
    case 'type':
      return `${subject} must be ${article(String(params['type']))} (got ${described(error.data)})`;
    case 'anyOf':
    case 'oneOf':
      return `${subject} does not match any allowed shape (got ${show(error.data)})`;
    default:
      return `${subject} ${error.message ?? 'is invalid'} (got ${show(error.data)})`;
  }
}

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : join(acc, part)), '');
}

function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

function article(type: string): string {
  const words = type
    .split(',')
    .map((t) =>
      t === 'integer' ? 'an integer' : t === 'array' || t === 'object' ? `an ${t}` : `a ${t}`,
    );
  return words.join(' or ');
}

function described(value: unknown): string {
  if (value === null) return 'null';
  const kind = Array.isArray(value) ? 'array' : typeof value;
  return `${kind} ${show(value)}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

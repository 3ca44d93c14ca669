import { isSpecDict, sameName } from './checkCall';
import { toolName } from './bfclTools';
import type { EvalCase, ExpectedCall, JsonObject } from './types';
import { isPlainObject, pyType, schemaPyType, standardize } from './values';

const OPTIONAL = '';

function first(acceptable: unknown): unknown {
  return Array.isArray(acceptable) ? acceptable.find((a) => a !== OPTIONAL) : acceptable;
}

function fromSpec(spec: Record<string, unknown[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, options] of Object.entries(spec)) {
    const value = first(options);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function parametersOf(testCase: EvalCase, name: string): JsonObject {
  const tool = testCase.tools.find((t) => sameName(t.function.name, name));
  return tool?.function.parameters ?? {};
}

/**
 * The first acceptable answer of an expected call, as arguments a model could write: optional
 * parameters left out, dict answers filled key by key, lists of dict answers item by item.
 */
export function expectedArguments(
  expected: ExpectedCall,
  parameters: JsonObject,
): Record<string, unknown> {
  const properties = (parameters.properties ?? {}) as Record<string, JsonObject>;
  const args: Record<string, unknown> = {};
  for (const [param, acceptable] of Object.entries(expected.arguments)) {
    const value = first(acceptable);
    if (value === undefined) continue;
    const schema = properties[param] ?? {};
    const want = schemaPyType(schema.type);
    if (want === 'dict' && isSpecDict(value)) args[param] = fromSpec(value);
    else if (want === 'list' && Array.isArray(value) && value.every(isSpecDict)) {
      args[param] = value.map((item) => fromSpec(item as Record<string, unknown[]>));
    } else args[param] = value;
  }
  return args;
}

/** One Hermes `<tool_call>` block. */
export function toolCallBlock(name: string, args: Record<string, unknown>): string {
  return `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;
}

export interface RenderOptions {
  /** Write names as BFCL does (`math.factorial`) instead of the tool's `math_factorial`. */
  dottedNames?: boolean;
  /** Write the calls last to first (parallel calls are matched in any order). */
  reverse?: boolean;
}

/** The case's first acceptable answer as a Hermes reply; a refusal for irrelevance cases. */
export function renderExpected(testCase: EvalCase, options: RenderOptions = {}): string {
  const expected = testCase.expected;
  if (expected.kind === 'no-call') return 'None of the available tools can answer that.';
  if (expected.kind === 'any-call') {
    const tool = testCase.tools[0];
    return tool ? toolCallBlock(tool.function.name, {}) : '';
  }
  const blocks = expected.calls.map((call) =>
    toolCallBlock(
      options.dottedNames ? call.name : toolName(call.name),
      expectedArguments(call, parametersOf(testCase, call.name)),
    ),
  );
  return (options.reverse ? blocks.reverse() : blocks).join('\n');
}

/** A value of the same kind that none of the acceptable values equals. */
function changed(value: unknown, schema: JsonObject, acceptable: unknown[]): unknown {
  switch (pyType(value)) {
    case 'str': {
      const taken = new Set(acceptable.filter((a) => typeof a === 'string').map(standardize));
      let text = `${value as string} zzq`;
      while (taken.has(standardize(text))) text += 'q';
      return text;
    }
    case 'int':
    case 'float': {
      const numbers = acceptable.filter((a): a is number => typeof a === 'number');
      return Math.max(0, ...numbers.map(Math.abs), Math.abs(value as number)) * 2 + 7919;
    }
    case 'bool':
      return acceptable.includes(!(value as boolean)) ? 'neither' : !(value as boolean);
    case 'list': {
      const items = isPlainObject(schema.items) ? schemaPyType(schema.items.type) : 'str';
      const list = value as unknown[];
      const extra = items === 'dict' ? (list[0] ?? {}) : items === 'str' ? 'zzq' : 7919;
      return [...list, extra];
    }
    case 'dict':
      return { ...(value as Record<string, unknown>), zzq_unknown_key: 1 };
    default:
      return 'zzq';
  }
}

/**
 * The same reply as `renderExpected` with one argument changed so that no acceptable value
 * matches: the first required argument of the first expected call (or its first argument when
 * nothing is required, or its name when it has no arguments). For irrelevance cases, a call;
 * for relevance cases, no call. Returns what was changed, for the test's messages.
 */
export function renderMutated(testCase: EvalCase): { output: string; changed: string } {
  const expected = testCase.expected;
  if (expected.kind === 'no-call') {
    const tool = testCase.tools[0];
    return { output: toolCallBlock(tool?.function.name ?? 'any_tool', {}), changed: 'made a call' };
  }
  if (expected.kind === 'any-call')
    return { output: 'I will not call anything.', changed: 'no call' };
  const blocks = expected.calls.map((call, i) => {
    const parameters = parametersOf(testCase, call.name);
    const args = expectedArguments(call, parameters);
    if (i > 0) return { block: toolCallBlock(toolName(call.name), args), changed: '' };
    const required = Array.isArray(parameters.required) ? (parameters.required as string[]) : [];
    const param = required.find((p) => p in args) ?? Object.keys(args)[0];
    if (param === undefined) {
      return { block: toolCallBlock(`${toolName(call.name)}_zzq`, args), changed: 'the name' };
    }
    const properties = (parameters.properties ?? {}) as Record<string, JsonObject>;
    const acceptable = call.arguments[param] ?? [];
    args[param] = changed(args[param], properties[param] ?? {}, acceptable);
    return { block: toolCallBlock(toolName(call.name), args), changed: param };
  });
  return { output: blocks.map((b) => b.block).join('\n'), changed: blocks[0]?.changed ?? '' };
}

import type { ParsedToolCall } from '../hermes/types';
import { toolName } from './bfclTools';
import type { ExpectedCall, JsonObject } from './types';
import {
  hasPyType,
  isPlainObject,
  pyEqual,
  pyRepr,
  pyType,
  schemaPyType,
  standardize,
  type PyType,
} from './values';

/** A tool's argument schema, or undefined when the case does not define the tool. */
export type ParametersSchema = JsonObject | undefined;

/** Both BFCL's spelling (`math.factorial`) and the OpenAI-safe one (`math_factorial`) match. */
export function sameName(a: string, b: string): boolean {
  return a === b || toolName(a) === toolName(b);
}

const OPTIONAL = '';

function firstAnswer(acceptable: unknown[]): unknown {
  return acceptable.find((a) => a !== OPTIONAL);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** A BFCL "spec" dict: every key lists its acceptable values. */
export function isSpecDict(value: unknown): value is Record<string, unknown[]> {
  return isPlainObject(value) && Object.values(value).every(Array.isArray);
}

function standardizeItem(value: unknown): unknown {
  return typeof value === 'string' ? standardize(value) : value;
}

/**
 * Checks one call against one expected call with BFCL's AST-checker rules. Returns undefined
 * when it matches, otherwise the first problem in words.
 */
export function checkCall(
  call: ParsedToolCall,
  expected: ExpectedCall,
  parameters: ParametersSchema,
): string | undefined {
  if (!sameName(call.name, expected.name)) return `called ${call.name}, expected ${expected.name}`;
  const properties = (parameters?.properties ?? {}) as Record<string, JsonObject>;
  const required = Array.isArray(parameters?.required) ? (parameters.required as string[]) : [];
  const args = call.arguments;
  for (const param of required) {
    if (!(param in args)) return `missing required parameter ${param}`;
  }
  for (const [param, value] of Object.entries(args)) {
    if (!(param in properties)) return `unknown parameter ${param}`;
    const acceptable = expected.arguments[param];
    if (acceptable === undefined) return `unexpected parameter ${param}: ${pyRepr(value)}`;
    const problem = checkValue(param, value, properties[param] ?? {}, asList(acceptable));
    if (problem) return problem;
  }
  for (const [param, acceptable] of Object.entries(expected.arguments)) {
    if (!(param in args) && !asList(acceptable).includes(OPTIONAL)) {
      return `missing parameter ${param} (expected one of ${pyRepr(acceptable)})`;
    }
  }
  return undefined;
}

function wrongValue(param: string, value: unknown, acceptable: unknown[]): string {
  return `wrong value for ${param}: ${pyRepr(value)} not in ${pyRepr(acceptable)}`;
}

function checkValue(
  param: string,
  value: unknown,
  schema: JsonObject,
  acceptable: unknown[],
): string | undefined {
  const want = schemaPyType(schema.type);
  const answer = firstAnswer(acceptable);
  const answerType = answer === undefined ? undefined : pyType(answer);
  // BFCL's "variable" case: an answer of another type than the schema's (e.g. the string
  // "x" for an integer) is compared as it is, without the string/list/dict rules.
  let isVariable =
    answerType !== undefined && answerType !== want && !(want === 'float' && answerType === 'int');
  if (hasPyType(value, want)) {
    const items = isPlainObject(schema.items) ? schema.items : undefined;
    if (
      want === 'list' &&
      items &&
      !nestedTypesOk(value as unknown[], schemaPyType(items.type), acceptable)
    ) {
      return `wrong type for ${param}: expected a list of ${schemaPyType(items.type)}, got ${pyRepr(value)}`;
    }
  } else if (answerType !== undefined && pyType(value) === answerType) {
    isVariable = true;
  } else {
    return `wrong type for ${param}: expected ${want}, got ${pyType(value)} ${pyRepr(value)}`;
  }
  if (!isVariable) {
    const items = isPlainObject(schema.items) ? schema.items : undefined;
    if (want === 'dict') return checkDict(param, value as Record<string, unknown>, acceptable);
    if (want === 'list' && items && schemaPyType(items.type) === 'dict') {
      return checkListOfDicts(param, value as unknown[], acceptable);
    }
    if (want === 'str') {
      const standard = standardize(value as string);
      const ok = acceptable.some((a) => typeof a === 'string' && standardize(a) === standard);
      return ok ? undefined : wrongValue(param, value, acceptable);
    }
    if (want === 'list') {
      const standard = (value as unknown[]).map(standardizeItem);
      // BFCL iterates each answer as a list: an optional "" counts as [].
      const ok = acceptable.some(
        (a) =>
          (Array.isArray(a) || a === OPTIONAL) &&
          pyEqual(standard, asArray(a).map(standardizeItem)),
      );
      return ok ? undefined : wrongValue(param, value, acceptable);
    }
  }
  return acceptable.some((a) => pyEqual(value, a))
    ? undefined
    : wrongValue(param, value, acceptable);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** BFCL's one-level nested type check: some answer list whose element types the value's follow. */
function nestedTypesOk(value: unknown[], want: PyType, acceptable: unknown[]): boolean {
  return acceptable.some((answer) => {
    if (!Array.isArray(answer)) return true;
    const first = firstAnswer(answer);
    return value.every(
      (item) => hasPyType(item, want) || (first !== undefined && pyType(item) === pyType(first)),
    );
  });
}

/**
 * A dict against BFCL's dict answers (key → acceptable values). Strings are standardized; a
 * nested dict may match its answer literally or, key by key, a nested answer dict of its own.
 */
export function checkDict(
  param: string,
  value: Record<string, unknown>,
  acceptable: unknown[],
): string | undefined {
  let problem: string | undefined;
  for (const answer of acceptable) {
    if (answer === OPTIONAL || !isPlainObject(answer)) continue;
    problem = dictProblem(param, value, answer);
    if (problem === undefined) return undefined;
  }
  return problem ?? wrongValue(param, value, acceptable);
}

function dictProblem(
  param: string,
  value: Record<string, unknown>,
  answer: Record<string, unknown>,
): string | undefined {
  for (const [key, item] of Object.entries(value)) {
    if (!(key in answer)) return `unexpected key ${key} in ${param}`;
    const options = asList(answer[key]);
    const standard = standardizeItem(item);
    const ok = options.some(
      (option) =>
        pyEqual(standard, standardizeItem(option)) ||
        (isPlainObject(item) &&
          isSpecDict(option) &&
          dictProblem(`${param}.${key}`, item, option) === undefined),
    );
    if (!ok) return wrongValue(`${param}.${key}`, item, options);
  }
  for (const [key, options] of Object.entries(answer)) {
    if (!(key in value) && !asList(options).includes(OPTIONAL)) {
      return `missing key ${key} in ${param}`;
    }
  }
  return undefined;
}

/** A list of dicts: same length as one answer list, each dict against its answer, in order. */
function checkListOfDicts(
  param: string,
  value: unknown[],
  acceptable: unknown[],
): string | undefined {
  let problem: string | undefined;
  for (const answer of acceptable) {
    if (!Array.isArray(answer)) continue;
    if (answer.length !== value.length) {
      problem = `wrong number of items in ${param}: expected ${answer.length}, got ${value.length}`;
      continue;
    }
    problem = undefined;
    for (let i = 0; i < value.length && problem === undefined; i++) {
      const item = value[i];
      problem = isPlainObject(item)
        ? checkDict(`${param}[${i}]`, item, [answer[i]])
        : `wrong type for ${param}[${i}]: expected dict, got ${pyType(item)}`;
    }
    if (problem === undefined) return undefined;
  }
  return problem ?? wrongValue(param, value, acceptable);
}

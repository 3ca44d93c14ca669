import { ToolCallValidator } from './ToolCallValidator';
import type { HermesTool, ParsedToolCall, ToolCallValidation } from './types';

// A pure memo (results never depend on it): ajv compilation is slow, and callers usually pass
// the same tool set, often rebuilt as a new array, for every call. Keyed by content rather than
// identity so that a caller mutating its array never gets a stale validator.
const byContent = new Map<string, ToolCallValidator>();
const MAX_CACHED_TOOL_SETS = 16;

/**
 * Validates one parsed call against a tool set: unknown tool names and full JSON Schema
 * validation of the arguments. Compiled schemas are cached per tool set; services that own a tool
 * set can hold a `ToolCallValidator` themselves instead.
 *
 * @throws TalariaError INVALID_INPUT when a tool's own parameter schema is invalid.
 */
export function validateToolCall(
  call: ParsedToolCall,
  tools: readonly HermesTool[],
): ToolCallValidation {
  return validatorFor(tools).validate(call);
}

export function validatorFor(tools: readonly HermesTool[]): ToolCallValidator {
  const key = JSON.stringify(tools);
  let validator = byContent.get(key);
  if (validator !== undefined) byContent.delete(key);
  else {
    validator = new ToolCallValidator(tools);
    if (byContent.size >= MAX_CACHED_TOOL_SETS) {
      const oldest = byContent.keys().next().value;
      if (oldest !== undefined) byContent.delete(oldest);
    }
  }
  byContent.set(key, validator);
  return validator;
}

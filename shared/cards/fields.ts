import { TalariaError } from '../contract/errors';
import type { JsonObject } from './types';

/**
 * Typed field readers shared by the card normalizers. Each returns `undefined` for a missing or
 * null field, coerces an obviously convertible scalar (recording a warning), and throws
 * INVALID_INPUT for anything else, naming the field's path.
 */

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function invalidField(path: string, expected: string, value: unknown): TalariaError {
  return new TalariaError(
    'INVALID_INPUT',
    `Invalid character card: ${path} must be ${expected}, but it is ${typeName(value)}.`,
  );
}

export function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Copy of `obj` without `keys`; own properties only, so a "__proto__" key stays a plain key. */
export function omit(obj: JsonObject, keys: readonly string[]): JsonObject {
  const copy: JsonObject = { ...obj };
  for (const key of keys) delete copy[key];
  return copy;
}

export function readString(
  obj: JsonObject,
  key: string,
  path: string,
  warnings: string[],
): string | undefined {
  const value = own(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    warnings.push(`${path} was ${typeName(value)}; converted to the string "${String(value)}".`);
    return String(value);
  }
  throw invalidField(path, 'a string', value);
}

/**
 * Reads an array of strings. A single string is accepted: split on commas when `splitCommas`
 * (tags and lorebook keys are often written that way), else wrapped in an array.
 */
export function readStringArray(
  obj: JsonObject,
  key: string,
  path: string,
  warnings: string[],
  splitCommas: boolean,
): string[] | undefined {
  const value = own(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    warnings.push(`${path} was a string; converted to a list.`);
    if (splitCommas) {
      return value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    }
    return value === '' ? [] : [value];
  }
  if (!Array.isArray(value)) throw invalidField(path, 'a list of strings', value);
  const result: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') result.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') {
      warnings.push(`${path}[${i}] was ${typeName(item)}; converted to a string.`);
      result.push(String(item));
    } else if (item === null) {
      warnings.push(`${path}[${i}] was null; dropped.`);
    } else {
      throw invalidField(`${path}[${i}]`, 'a string', item);
    }
  });
  return result;
}

export function readNumber(
  obj: JsonObject,
  key: string,
  path: string,
  warnings: string[],
): number | undefined {
  const value = own(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    warnings.push(`${path} was the string "${value}"; converted to a number.`);
    return Number(value);
  }
  throw invalidField(path, 'a number', value);
}

export function readBoolean(
  obj: JsonObject,
  key: string,
  path: string,
  warnings: string[],
): boolean | undefined {
  const value = own(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false' || value === 0 || value === 1) {
    warnings.push(`${path} was ${typeName(value)}; converted to a boolean.`);
    return value === 'true' || value === 1;
  }
  throw invalidField(path, 'true or false', value);
}

export function readObject(obj: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = own(obj, key);
  if (value === undefined || value === null) return undefined;
  if (isPlainObject(value)) return value;
  throw invalidField(path, 'an object', value);
}

/** Writes `value` under `key`, or removes the key when the value is undefined. */
export function setOptional<T extends object, K extends keyof T & string>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

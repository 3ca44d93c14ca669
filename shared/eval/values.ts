/** Python's type names for JSON values, as BFCL's checker sees them after `json.loads`. */
export type PyType = 'str' | 'int' | 'float' | 'bool' | 'list' | 'dict' | 'NoneType';

export function pyType(value: unknown): PyType {
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  if (value !== null && typeof value === 'object') return 'dict';
  return 'NoneType';
}

/** BFCL's expected Python type for a JSON Schema type (after its own conversion). */
export function schemaPyType(type: unknown): PyType {
  switch (type) {
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'array':
      return 'list';
    case 'object':
      return 'dict';
    default:
      return 'str';
  }
}

/** Whether `value` has the Python type `want`; an int is accepted where a float is expected. */
export function hasPyType(value: unknown, want: PyType): boolean {
  const got = pyType(value);
  return got === want || (want === 'float' && got === 'int');
}

/**
 * BFCL's `standardize_string`: drops spaces and `,./-_*^`, lowercases, and makes single quotes
 * double, so "April 1, 2024" and "april 1 2024" compare equal.
 */
export function standardize(text: string): string {
  return text
    .replace(/[ ,./\-_*^]/g, '')
    .toLowerCase()
    .replace(/'/g, '"');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Python `==` on JSON values (numbers by value, booleans apart from numbers, dicts unordered). */
export function pyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => pyEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && pyEqual(a[key], b[key]))
    );
  }
  return false;
}

/** A value as Python's `repr` writes it, for reasons a person reads. Long values are cut. */
export function pyRepr(value: unknown, limit = 120): string {
  const text = repr(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function repr(value: unknown): string {
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
    return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(repr).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${repr(k)}: ${repr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

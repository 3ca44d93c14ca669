/**
 * Python's `json.dumps` with its default separators (", " and ": "), as transformers' `tojson`
 * filter calls it for chat templates (`ensure_ascii=False`) and as pydantic's `schema_json()` calls
 * it (`ensure_ascii=True`). Key order is the object's own order, never sorted.
 *
 * Limits of doing this from JavaScript values: a JSON number parsed by JS forgets whether it was
 * written `1` or `1.0`, so integral numbers up to 2^53 print as Python ints (`1`, never `1.0`) and
 * larger ones as floats (`1e+16`), and integer-like keys ("2", "10") come first because JS objects
 * order them that way.
 */
export interface PyJsonDumpsOptions {
  /** Escape every non-ASCII character as \uXXXX. Default false (transformers' tojson). */
  ensureAscii?: boolean;
}

export function pyJsonDumps(value: unknown, options: PyJsonDumpsOptions = {}): string {
  return dump(value, options.ensureAscii ?? false);
}

function dump(value: unknown, ascii: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pyString(value, ascii);
  if (Array.isArray(value)) {
    return '[' + value.map((item: unknown) => dump(item, ascii)).join(', ') + ']';
  }
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      // json.dumps has no "skip undefined"; JSON.stringify does, and JS callers expect that.
      if (item === undefined) continue;
      parts.push(pyString(key, ascii) + ': ' + dump(item, ascii));
    }
    return '{' + parts.join(', ') + '}';
  }
  throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
}

/** `json.dumps` of a number: ints in full, floats as Python's `repr` (allow_nan=True). */
export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  // Beyond 2^53 a JS number cannot have come from an exact JSON integer, so treat it as a float.
  if (Number.isSafeInteger(n)) return String(n);
  return pyFloatRepr(n);
}

/**
 * Python's float repr: the shortest round-tripping digits (which JS also produces), written in
 * fixed notation when the decimal exponent is in [-4, 16), else as `d.ddde+XX`.
 */
export function pyFloatRepr(n: number): string {
  const [mantissa = '0', exp = '0'] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  if (e < -4 || e >= 16) {
    const frac = digits.length > 1 ? '.' + digits.slice(1) : '';
    const expSign = e < 0 ? '-' : '+';
    return `${sign}${digits[0] ?? '0'}${frac}e${expSign}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const intLen = e + 1;
  if (digits.length <= intLen) return `${sign}${digits.padEnd(intLen, '0')}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal the way Python's encoder writes it (lowercase \u escapes). */
export function pyString(s: string, ensureAscii = false): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    // UTF-16 code units map one-to-one onto Python's surrogate-pair escapes for astral chars.
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) {
      out += '\\u' + code.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

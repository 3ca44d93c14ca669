/**
 * A reader for Python literals, the fallback the reference Hermes loop uses
 * (`ast.literal_eval`) when a `<tool_call>` body is not JSON: models trained on Python-repr data
 * write `{'name': 'f', 'arguments': {'ok': True, 'x': None}}`.
 *
 * Supports dicts, lists, tuples and sets (as arrays), str with ' " ''' """ quotes, r/u prefixes,
 * all of Python's escapes except \N{...}, implicit string concatenation, ints (incl. 0x/0o/0b and
 * underscores), floats, True/False/None, and also JSON's true/false/null so that mixed bodies
 * parse. Raw newlines inside single-quoted strings are accepted (Python rejects them).
 */
export class PythonLiteralError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = 'PythonLiteralError';
  }
}

export function parsePythonLiteral(source: string): unknown {
  const reader = new Reader(source);
  const value = reader.value();
  reader.skipSpace();
  if (!reader.done()) reader.fail('Unexpected text after the value');
  return value;
}

const NAMES: Record<string, unknown> = {
  True: true,
  False: false,
  None: null,
  true: true,
  false: false,
  null: null,
};

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const NUMBER =
  /[+-]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)/y;

class Reader {
  private pos = 0;

  constructor(private readonly src: string) {}

  done(): boolean {
    return this.pos >= this.src.length;
  }

  fail(message: string): never {
    const cut =
      this.done() && !message.startsWith('Unexpected end') && !message.startsWith('Unterm');
    throw new PythonLiteralError(cut ? `Unexpected end of input (${message})` : message, this.pos);
  }

  skipSpace(): void {
    while (!this.done()) {
      const ch = this.src[this.pos] as string;
      if (ch === '#') {
        while (!this.done() && this.src[this.pos] !== '\n') this.pos++;
      } else if (/\s/.test(ch)) this.pos++;
      else if (ch === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  value(): unknown {
    this.skipSpace();
    if (this.done()) this.fail('Unexpected end of input');
    const ch = this.src[this.pos] as string;
    if (ch === '{') return this.braces();
    if (ch === '[') return this.sequence(']');
    if (ch === '(') return this.parens();
    if (this.stringStart() !== null) return this.strings();
    if (/[\d+\-.]/.test(ch)) return this.number();
    const word = /[A-Za-z_]\w*/y;
    word.lastIndex = this.pos;
    const match = word.exec(this.src);
    if (match !== null && match[0] in NAMES) {
      this.pos += match[0].length;
      return NAMES[match[0]];
    }
    return this.fail(`Unexpected ${JSON.stringify(match?.[0] ?? ch)}`);
  }

  private braces(): unknown {
    this.pos++;
    this.skipSpace();
    if (this.eat('}')) return {};
    const first = this.value();
    this.skipSpace();
    if (!this.eat(':')) return this.rest([first], '}');
    const result: Record<string, unknown> = {};
    let key: unknown = first;
    for (;;) {
      result[dictKey(key, this)] = this.value();
      this.skipSpace();
      if (this.eat('}')) return result;
      if (!this.eat(',')) this.fail('Expected "," or "}" in dict');
      this.skipSpace();
      if (this.eat('}')) return result;
      key = this.value();
      this.skipSpace();
      if (!this.eat(':')) this.fail('Expected ":" after dict key');
    }
  }

  private parens(): unknown {
    this.pos++;
    this.skipSpace();
    if (this.eat(')')) return [];
    const first = this.value();
    this.skipSpace();
    if (this.eat(')')) return first;
    return this.rest([first], ')');
  }

  private sequence(close: string): unknown[] {
    this.pos++;
    this.skipSpace();
    if (this.eat(close)) return [];
    return this.rest([this.value()], close);
  }

  /** The rest of a list/tuple/set whose first items are already read. */
  private rest(items: unknown[], close: string): unknown[] {
    for (;;) {
      this.skipSpace();
      if (this.eat(close)) return items;
      if (!this.eat(',')) this.fail(`Expected "," or "${close}"`);
      this.skipSpace();
      if (this.eat(close)) return items;
      items.push(this.value());
    }
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.src);
    const text = match?.[0] ?? '';
    if (!/\d/.test(text)) this.fail('Invalid number');
    this.pos += text.length;
    const clean = text.replace(/_/g, '');
    const sign = clean.startsWith('-') ? -1 : 1;
    const body = clean.replace(/^[+-]/, '');
    const value = /^0[xXoObB]/.test(body) ? Number(body.toLowerCase()) : Number(body);
    if (Number.isNaN(value)) this.fail(`Invalid number ${JSON.stringify(text)}`);
    return sign * value;
  }

  /** Returns [prefix length, quote] when a string literal starts here. */
  private stringStart(): [number, string] | null {
    const m = /([rRuUbB]{0,2})('''|"""|'|")/y;
    m.lastIndex = this.pos;
    const match = m.exec(this.src);
    if (match === null) return null;
    return [match[1]?.length ?? 0, match[2] as string];
  }

  private strings(): string {
    let out = '';
    for (;;) {
      out += this.string();
      this.skipSpace();
      if (this.stringStart() === null) return out;
    }
  }

  private string(): string {
    const start = this.stringStart();
    if (start === null) return this.fail('Expected a string');
    const [prefixLength, quote] = start;
    const raw = /[rR]/.test(this.src.slice(this.pos, this.pos + prefixLength));
    this.pos += prefixLength + quote.length;
    let out = '';
    for (;;) {
      if (this.done()) this.fail('Unterminated string');
      if (this.src.startsWith(quote, this.pos)) {
        this.pos += quote.length;
        return out;
      }
      const ch = this.src[this.pos] as string;
      if (ch !== '\\') {
        out += ch;
        this.pos++;
      } else if (raw) {
        // A raw string keeps the backslash, but it still stops the next char ending the string.
        out += this.src.slice(this.pos, this.pos + 2);
        this.pos += 2;
      } else out += this.escape();
    }
  }

  private escape(): string {
    const next = this.src[this.pos + 1];
    if (next === undefined) this.fail('Unterminated string');
    this.pos += 2;
    if (next === '\n') return '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) return simple;
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = this.src.slice(this.pos, this.pos + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) this.fail(`Bad \\${next} escape`);
      this.pos += hexLength;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) this.fail('Escape out of range');
      return String.fromCodePoint(code);
    }
    if (/[0-7]/.test(next)) {
      const octal = /[0-7]{1,2}/y;
      octal.lastIndex = this.pos;
      const more = octal.exec(this.src)?.[0] ?? '';
      this.pos += more.length;
      return String.fromCodePoint(parseInt(next + more, 8));
    }
    if (next === 'N') this.fail('\\N{...} escapes are not supported');
    // Python keeps unknown escapes as written.
    return '\\' + next;
  }

  private eat(token: string): boolean {
    if (this.src.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }
}

function dictKey(key: unknown, reader: Reader): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  // json.dumps writes True/None keys as "true"/"null".
  if (typeof key === 'boolean' || key === null) return String(key);
  return reader.fail('Unsupported dict key');
}

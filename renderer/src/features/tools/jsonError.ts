/**
 * Where and why a JSON text fails to parse. `JSON.parse` messages differ between engines and often
 * omit the position, so the editor finds the first error itself with a small scanner.
 */
export interface JsonErrorAt {
  offset: number;
  message: string;
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scan(text: string): void {
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const describe = (): string => (pos >= text.length ? 'the end of the text' : `"${text[pos]}"`);
  const expect = (what: string): never => {
    throw new Fail(pos, `Expected ${what} but found ${describe()}.`);
  };
  const string = (): void => {
    const start = pos++;
    while (pos < text.length) {
      const c = text[pos]!;
      if (c === '"') {
        pos++;
        return;
      }
      if (c === '\n') throw new Fail(start, 'A string is not closed on its line (missing ").');
      if (c === '\\') {
        const next = text[pos + 1];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) pos += 6;
        else if (next !== undefined && '"\\/bfnrt'.includes(next)) pos += 2;
        else throw new Fail(pos, 'Unknown escape in a string.');
        continue;
      }
      pos++;
    }
    throw new Fail(start, 'A string is not closed (missing ").');
  };
  const value = (): void => {
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      ws();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') expect('a property name in double quotes');
        string();
        ws();
        if (text[pos] !== ':') expect('":"');
        pos++;
        value();
        ws();
        if (text[pos] === ',') {
          pos++;
          ws();
          if (text[pos] === '}') throw new Fail(pos, 'Trailing comma before "}".');
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return;
        }
        expect('"," or "}"');
      }
    }
    if (c === '[') {
      pos++;
      ws();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[pos] === ',') {
          pos++;
          ws();
          if (text[pos] === ']') throw new Fail(pos, 'Trailing comma before "]".');
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return;
        }
        expect('"," or "]"');
      }
    }
    if (c === '"') return string();
    const literal = LITERALS.find((l) => text.startsWith(l, pos));
    if (literal) {
      pos += literal.length;
      return;
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(text);
    if (number) {
      pos += number[0].length;
      return;
    }
    expect('a value');
  };
  value();
  ws();
  if (pos < text.length) throw new Fail(pos, `Unexpected ${describe()} after the end of the JSON.`);
}

/** The first JSON syntax error in `text`, or null when it parses. */
export function findJsonError(text: string): JsonErrorAt | null {
  try {
    scan(text);
    return null;
  } catch (error) {
    if (error instanceof Fail) return { offset: error.offset, message: error.message };
    throw error;
  }
}

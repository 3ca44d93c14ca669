/**
 * A small arithmetic language, parsed by recursive descent and evaluated on the tree: never
 * `eval` or `Function`. Anything that is not a number, a known constant or function, an operator
 * or a parenthesis is an error with its position.
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/' | '%') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?          right-associative; -2^2 = -(2^2)
 *   primary := number | constant | function '(' expr (',' expr)* ')' | '(' expr ')'
 */

export class CalculatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalculatorError';
  }
}

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'name'; value: string; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'end'; at: number };

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI };

const FUNCTIONS: Record<string, { arity: [number, number]; fn: (...args: number[]) => number }> = {
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  cbrt: { arity: [1, 1], fn: Math.cbrt },
  sin: { arity: [1, 1], fn: Math.sin },
  cos: { arity: [1, 1], fn: Math.cos },
  tan: { arity: [1, 1], fn: Math.tan },
  asin: { arity: [1, 1], fn: Math.asin },
  acos: { arity: [1, 1], fn: Math.acos },
  atan: { arity: [1, 1], fn: Math.atan },
  log: {
    arity: [1, 2],
    fn: (x, base) => (base === undefined ? Math.log10(x) : Math.log(x) / Math.log(base)),
  },
  ln: { arity: [1, 1], fn: Math.log },
  exp: { arity: [1, 1], fn: Math.exp },
  abs: { arity: [1, 1], fn: Math.abs },
  round: { arity: [1, 2], fn: (x, digits = 0) => roundTo(x, digits) },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  min: { arity: [1, Infinity], fn: Math.min },
  max: { arity: [1, Infinity], fn: Math.max },
};

const MAX_LENGTH = 1000;
const MAX_DEPTH = 100;

/** Evaluates an arithmetic expression. @throws CalculatorError with a message for the user. */
export function evaluateExpression(source: string): number {
  if (source.length > MAX_LENGTH) {
    throw new CalculatorError(`The expression is too long (over ${MAX_LENGTH} characters).`);
  }
  const parser = new Parser(tokenize(source));
  const value = parser.parseAll();
  if (Number.isNaN(value)) throw new CalculatorError('The result is not a number.');
  if (!Number.isFinite(value)) throw new CalculatorError('The result is too large.');
  return value;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: 'name', value: name[0].toLowerCase(), at: i });
      i += name[0].length;
      continue;
    }
    if (source.startsWith('**', i)) {
      tokens.push({ kind: 'op', value: '^', at: i });
      i += 2;
      continue;
    }
    if ('+-*/%^(),×÷−'.includes(ch)) {
      const op = ch === '×' ? '*' : ch === '÷' ? '/' : ch === '−' ? '-' : ch;
      tokens.push({ kind: 'op', value: op, at: i });
      i++;
      continue;
    }
    throw new CalculatorError(`Unexpected character "${ch}" at position ${i + 1}.`);
  }
  tokens.push({ kind: 'end', at: source.length });
  return tokens;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): number {
    if (this.peek().kind === 'end') throw new CalculatorError('The expression is empty.');
    const value = this.expr();
    const next = this.peek();
    if (next.kind !== 'end')
      throw new CalculatorError(`Unexpected ${describe(next)} at position ${next.at + 1}.`);
    return value;
  }

  private expr(): number {
    this.enter();
    let value = this.term();
    for (;;) {
      const op = this.peekOp('+', '-');
      if (op === null) break;
      this.pos++;
      const right = this.term();
      value = op === '+' ? value + right : value - right;
    }
    this.depth--;
    return value;
  }

  private term(): number {
    let value = this.unary();
    for (;;) {
      const op = this.peekOp('*', '/', '%');
      if (op === null) return value;
      const at = this.peek().at;
      this.pos++;
      const right = this.unary();
      if ((op === '/' || op === '%') && right === 0) {
        throw new CalculatorError(`Division by zero at position ${at + 1}.`);
      }
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
  }

  private unary(): number {
    const op = this.peekOp('-', '+');
    if (op === null) return this.power();
    this.pos++;
    this.enter();
    const value = this.unary();
    this.depth--;
    return op === '-' ? -value : value;
  }

  private power(): number {
    const base = this.primary();
    if (this.peekOp('^') === null) return base;
    this.pos++;
    this.enter();
    const exponent = this.unary();
    this.depth--;
    return base ** exponent;
  }

  private primary(): number {
    const token = this.peek();
    if (token.kind === 'number') {
      this.pos++;
      return token.value;
    }
    if (token.kind === 'op' && token.value === '(') {
      this.pos++;
      const value = this.expr();
      this.expectOp(')', 'a closing parenthesis');
      return value;
    }
    if (token.kind === 'name') return this.name(token);
    if (token.kind === 'end') {
      const after = this.tokens[this.pos - 1];
      const where = after ? ` after ${describe(after)}` : '';
      throw new CalculatorError(
        `The expression ends too early${where}: expected a number, constant, function or "(".`,
      );
    }
    throw new CalculatorError(`Unexpected ${describe(token)} at position ${token.at + 1}.`);
  }

  private name(token: Extract<Token, { kind: 'name' }>): number {
    this.pos++;
    const constant = CONSTANTS[token.value];
    if (constant !== undefined) return constant;
    const fn = FUNCTIONS[token.value];
    if (fn === undefined) {
      const known = [...Object.keys(CONSTANTS), ...Object.keys(FUNCTIONS)].join(', ');
      throw new CalculatorError(
        `Unknown name "${token.value}" at position ${token.at + 1}. Known names: ${known}.`,
      );
    }
    this.expectOp('(', `"(" after ${token.value}`);
    const args = [this.expr()];
    while (this.peekOp(',') !== null) {
      this.pos++;
      args.push(this.expr());
    }
    this.expectOp(')', 'a closing parenthesis');
    const [min, max] = fn.arity;
    if (args.length < min || args.length > max) {
      const wanted =
        min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
      throw new CalculatorError(
        `${token.value}() takes ${wanted} argument(s), got ${args.length}.`,
      );
    }
    return fn.fn(...args);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new CalculatorError('The expression is nested too deeply.');
  }

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private peekOp(...ops: string[]): string | null {
    const token = this.peek();
    return token.kind === 'op' && ops.includes(token.value) ? token.value : null;
  }

  private expectOp(op: string, what: string): void {
    const token = this.peek();
    if (token.kind === 'op' && token.value === op) {
      this.pos++;
      return;
    }
    const found = token.kind === 'end' ? 'the end of the expression' : describe(token);
    throw new CalculatorError(`Expected ${what} but found ${found} at position ${token.at + 1}.`);
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'number':
      return `number ${token.value}`;
    case 'name':
      return `name "${token.value}"`;
    case 'op':
      return `"${token.value}"`;
    case 'end':
      return 'the end of the expression';
  }
}

function roundTo(x: number, digits: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new CalculatorError('round() takes 0 to 15 decimal places.');
  }
  const factor = 10 ** digits;
  return Math.round(x * factor) / factor;
}

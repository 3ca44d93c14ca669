import { Environment, Interpreter, parse, tokenize } from '@huggingface/jinja';
import { pyStrip } from './toolSystemPrompt';
import { pyJsonDumps } from './tojson';

/**
 * A chat template compiled with @huggingface/jinja and run the way transformers'
 * `apply_chat_template` runs Jinja2 (`_compile_jinja_template`): trim_blocks and lstrip_blocks,
 * `tojson` = Python `json.dumps(ensure_ascii=False)` (", "/": " separators, Python float repr),
 * `raise_exception`, `strftime_now`, and Jinja2's lenient lookups where @huggingface/jinja is
 * stricter: `undefined|trim` is "", `undefined|length` is 0, `str.strip()` semantics for `trim`, and a dict looked up with
 * a list key (`basic_type_map[["integer","null"]]`) is undefined instead of an error, `for` over undefined
 * is empty and over a string goes by character, and Undefined `is iterable`.
 */
export class JinjaTemplate {
  private readonly program: ReturnType<typeof parse>;

  constructor(source: string) {
    this.program = parse(tokenize(source, { lstrip_blocks: true, trim_blocks: true }));
  }

  render(variables: Record<string, unknown>): string {
    const env = new Environment();
    env.set('false', false);
    env.set('true', true);
    env.set('none', null);
    env.set('False', false);
    env.set('True', true);
    env.set('None', null);
    env.set('raise_exception', (message: unknown) => {
      throw new TemplateRaisedError(String(message));
    });
    env.set('strftime_now', (format: unknown) => pyStrftime(String(format), new Date()));
    env.set('range', (start: number, stop?: number, step = 1) => {
      const [from, to] = stop === undefined ? [0, start] : [start, stop];
      const out: number[] = [];
      for (let i = from; step > 0 ? i < to : i > to; i += step) out.push(i);
      return out;
    });
    for (const [key, value] of Object.entries(variables)) env.set(key, value);
    const result = pythonLikeInterpreter(env).run(this.program) as { value: string };
    return result.value;
  }
}

const ITERABLE = new Set([
  'ArrayValue',
  'TupleValue',
  'StringValue',
  'ObjectValue',
  'UndefinedValue',
]);

/** A template's own `raise_exception(...)`: the template refuses the input. */
export class TemplateRaisedError extends Error {
  override readonly name = 'TemplateRaisedError';
}

interface RuntimeValue {
  type: string;
  value: unknown;
}
type Node = { type: string; value?: unknown; [key: string]: unknown };

/** The Interpreter methods we wrap; they are private in its typings but plain methods at run time. */
interface Hooks {
  evaluate(node: unknown, environment: Environment): RuntimeValue;
  applyFilter(operand: RuntimeValue, filterNode: Node, environment: Environment): RuntimeValue;
  evaluateMemberExpression(expr: Node, environment: Environment): RuntimeValue;
  evaluateTestExpression(node: Node, environment: Environment): RuntimeValue;
  renderFor(node: Node, environment: Environment): RuntimeValue;
}

/** An Interpreter whose filters, lookups, tests and loops behave as Jinja2's do (see above). */
function pythonLikeInterpreter(env: Environment): Interpreter {
  const interpreter = new Interpreter(env);
  const self = interpreter as unknown as Hooks;
  const base = {
    applyFilter: self.applyFilter.bind(self),
    evaluateMemberExpression: self.evaluateMemberExpression.bind(self),
    evaluateTestExpression: self.evaluateTestExpression.bind(self),
    renderFor: self.renderFor.bind(self),
  };
  const literal = (node: Node, environment: Environment): RuntimeValue =>
    self.evaluate(node, environment);
  const str = (text: string, environment: Environment) =>
    literal({ type: 'StringLiteral', value: text }, environment);

  self.applyFilter = (operand, filterNode, environment) => {
    const name =
      filterNode.type === 'Identifier'
        ? filterNode.value
        : filterNode.type === 'CallExpression'
          ? (filterNode['callee'] as Node).value
          : undefined;
    if (name === 'trim') {
      if (operand.type === 'UndefinedValue') return str('', environment);
      if (operand.type === 'StringValue') return str(pyStrip(operand.value as string), environment);
    }
    if (name === 'length' && operand.type === 'UndefinedValue') {
      return literal({ type: 'IntegerLiteral', value: 0 }, environment);
    }
    // Only the plain form is Python's exact output; keyword arguments keep the library's.
    if (name === 'tojson' && filterNode.type === 'Identifier') {
      return str(pyJsonDumps(toPlain(operand)), environment);
    }
    return base.applyFilter(operand, filterNode, environment);
  };

  self.evaluateMemberExpression = (expr, environment) => {
    if (expr['computed'] === true && (expr['property'] as Node).type !== 'SliceExpression') {
      const object = self.evaluate(expr['object'], environment);
      const property = self.evaluate(expr['property'], environment);
      // Jinja2's getitem turns the TypeError of an unhashable key into Undefined.
      if (object.type === 'ObjectValue' && property.type !== 'StringValue') {
        return literal({ type: 'Identifier', value: '\u0000undefined' }, environment);
      }
    }
    return base.evaluateMemberExpression(expr, environment);
  };

  // Jinja2: strings, lists, dicts and Undefined are iterable (the last is how the Hermes
  // template writes `list[Union[]]`).
  self.evaluateTestExpression = (node, environment) => {
    if ((node['test'] as Node).value !== 'iterable') {
      return base.evaluateTestExpression(node, environment);
    }
    const operand = self.evaluate(node['operand'], environment);
    const result = ITERABLE.has(operand.type) !== (node['negate'] === true);
    return literal({ type: 'Identifier', value: result ? 'true' : 'false' }, environment);
  };

  // Jinja2 iterates an undefined value as empty and a string by character (which is how the
  // Hermes template's json_to_python_type recurses forever on a union type).
  self.renderFor = (node, environment) => {
    const iterable = node['iterable'] as Node;
    const select = iterable.type === 'SelectExpression';
    const target = select ? (iterable['lhs'] as Node) : iterable;
    const value = self.evaluate(target, environment);
    if (value.type !== 'UndefinedValue' && value.type !== 'StringValue') {
      return base.renderFor(node, environment);
    }
    const chars = value.type === 'StringValue' ? [...(value.value as string)] : [];
    const list = {
      type: 'ArrayLiteral',
      value: chars.map((c) => ({ type: 'StringLiteral', value: c })),
    };
    return base.renderFor(
      { ...node, iterable: select ? { ...iterable, lhs: list } : list },
      environment,
    );
  };
  return interpreter;
}

function toPlain(value: RuntimeValue): unknown {
  switch (value.type) {
    case 'ObjectValue':
    case 'KeywordArgumentsValue': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of value.value as Map<string, RuntimeValue>) out[k] = toPlain(v);
      return out;
    }
    case 'ArrayValue':
    case 'TupleValue':
      return (value.value as RuntimeValue[]).map(toPlain);
    case 'UndefinedValue':
    case 'NullValue':
      return null;
    default:
      return value.value;
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The strftime directives chat templates use (Llama 3.1's "%d %b %Y" and the like). */
function pyStrftime(format: string, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const table: Record<string, () => string> = {
    Y: () => String(date.getFullYear()),
    m: () => pad(date.getMonth() + 1),
    d: () => pad(date.getDate()),
    B: () => MONTHS[date.getMonth()] ?? '',
    b: () => (MONTHS[date.getMonth()] ?? '').slice(0, 3),
    A: () => DAYS[date.getDay()] ?? '',
    a: () => (DAYS[date.getDay()] ?? '').slice(0, 3),
    H: () => pad(date.getHours()),
    M: () => pad(date.getMinutes()),
    S: () => pad(date.getSeconds()),
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (all, d: string) => table[d]?.() ?? all);
}

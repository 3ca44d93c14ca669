import type { BuiltinTool } from '../../../../shared/contract/tools';
import { evaluateExpression } from './calculator';
import { parseInstant, timeIn } from './dateTime';
import { rollDice, type RandomSource } from './dice';
import { convertUnits } from './unitConversion';

export interface BuiltinToolsOptions {
  /** Epoch milliseconds; the datetime tool's "now". */
  now?: () => number;
  /** The dice's random source (seed it for reproducible rolls). */
  random?: RandomSource;
}

/** An offline tool: its definition for the model and what a call does. */
export interface BuiltinToolImpl {
  definition: BuiltinTool;
  /** Returns a JSON value; throws with a message for the model on bad input. */
  run(args: Record<string, unknown>): unknown;
}

const str = (args: Record<string, unknown>, key: string): string | undefined => {
  const value = args[key];
  return typeof value === 'string' ? value : undefined;
};

/** Talaria's built-in tools, keyed by name. */
export function createBuiltinTools(
  options: BuiltinToolsOptions = {},
): Map<string, BuiltinToolImpl> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const tools: BuiltinToolImpl[] = [
    {
      definition: {
        name: 'calculator',
        description:
          'Evaluates an arithmetic expression with + - * / % ^, parentheses, the functions ' +
          'sqrt, sin, cos, tan, log, ln, exp, abs, round, floor, ceil, min, max and the ' +
          'constants pi and e. Angles are in radians.',
        parameters: {
          type: 'object',
          properties: {
            expression: {
              type: 'string',
              maxLength: 200,
              description: 'The expression, e.g. "2 * (3 + 4)^2".',
            },
          },
          required: ['expression'],
        },
      },
      run: (args) => {
        const expression = str(args, 'expression') ?? '';
        return { expression, result: Number(evaluateExpression(expression).toPrecision(12)) };
      },
    },
    {
      definition: {
        name: 'datetime',
        description:
          'Tells the date and time now, or at a given instant, in an IANA time zone such as ' +
          'Europe/Paris or America/New_York.',
        parameters: {
          type: 'object',
          properties: {
            time_zone: {
              type: 'string',
              maxLength: 64,
              description: 'IANA time zone name; default UTC.',
            },
            at: { type: 'string', maxLength: 40, description: 'ISO 8601 instant; default now.' },
          },
        },
      },
      run: (args) => {
        const at = str(args, 'at');
        const instant = at === undefined || at === '' ? new Date(now()) : parseInstant(at);
        return timeIn(instant, str(args, 'time_zone') || 'UTC');
      },
    },
    {
      definition: {
        name: 'convert_units',
        description:
          'Converts a value between units of length, mass, temperature, volume, speed or ' +
          'data size (e.g. km to mi, F to C, MiB to MB).',
        parameters: {
          type: 'object',
          properties: {
            value: { type: 'number', description: 'The amount to convert.' },
            from_unit: {
              type: 'string',
              maxLength: 32,
              description: 'Unit of the value, e.g. "km".',
            },
            to_unit: { type: 'string', maxLength: 32, description: 'Unit wanted, e.g. "mi".' },
          },
          required: ['value', 'from_unit', 'to_unit'],
        },
      },
      run: (args) =>
        convertUnits(
          Number(args['value']),
          str(args, 'from_unit') ?? '',
          str(args, 'to_unit') ?? '',
        ),
    },
    {
      definition: {
        name: 'roll_dice',
        description: 'Rolls dice written as NdM+K, e.g. "2d6+3" or "d20".',
        parameters: {
          type: 'object',
          properties: {
            notation: { type: 'string', maxLength: 32, description: 'Dice notation, e.g. "3d6".' },
          },
          required: ['notation'],
        },
      },
      run: (args) => rollDice(str(args, 'notation') ?? '', random),
    },
  ];
  return new Map(tools.map((tool) => [tool.definition.name, tool]));
}

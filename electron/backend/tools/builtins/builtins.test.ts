import { describe, expect, it } from 'vitest';
import { CalculatorError, evaluateExpression } from './calculator';
import { parseInstant, timeIn } from './dateTime';
import { rollDice, seededRandom } from './dice';
import { createBuiltinTools } from './index';
import { convertUnits } from './unitConversion';

describe('calculator', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', -4],
    ['(-2) ^ 2', 4],
    ['2 ^ -1', 0.5],
    ['--3', 3],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['7 % 4', 3],
    ['2 ** 10', 1024],
    ['sqrt(16) + abs(-3)', 7],
    ['max(1, 5, 3) - min(4, 2)', 3],
    ['round(pi, 2)', 3.14],
    ['round(2.5)', 3],
    ['log(1000)', 3],
    ['log(8, 2)', 3],
    ['ln(e)', 1],
    ['cos(0) + sin(0) + tan(0)', 1],
    ['1.5e3 + .5', 1500.5],
    ['3 × 4 ÷ 2 − 1', 5],
  ])('%s = %d', (expression, expected) => {
    expect(evaluateExpression(expression)).toBeCloseTo(expected, 12);
  });

  it.each([
    ['2 +', /ends too early after "\+"/],
    ['', /empty/],
    ['(1 + 2', /closing parenthesis.*end of the expression/],
    ['1 + 2)', /Unexpected "\)" at position 6/],
    ['1 / 0', /Division by zero/],
    ['sqrt(1, 2)', /sqrt\(\) takes 1 argument/],
    ['foo(2)', /Unknown name "foo"/],
    ['2 3', /Unexpected number 3 at position 3/],
    ['sqrt(-1)', /not a number/],
    ['10 ^ 400', /too large/],
  ])('rejects %j with a clear message', (expression, message) => {
    expect(() => evaluateExpression(expression)).toThrow(CalculatorError);
    expect(() => evaluateExpression(expression)).toThrow(message);
  });

  it('never evaluates JavaScript', () => {
    const attacks = [
      'process.exit()',
      'require("fs")',
      'constructor.constructor("return process")()',
      'this',
      '[].map',
      'globalThis',
      '`${1}`',
      '1; process.exit(1)',
    ];
    for (const attack of attacks) {
      expect(() => evaluateExpression(attack), attack).toThrow(CalculatorError);
    }
    expect(() => evaluateExpression('process.exit()')).toThrow(/Unknown name "process"|"\."/);
  });

  it('refuses absurdly nested input instead of overflowing the stack', () => {
    expect(() => evaluateExpression('('.repeat(300) + '1' + ')'.repeat(300))).toThrow(/nested/);
    expect(() => evaluateExpression('-'.repeat(300) + '1')).toThrow(/nested/);
  });
});

describe('datetime', () => {
  const instant = parseInstant('2024-03-10T10:30:00Z');

  it('shows an instant in IANA zones with the right offset, DST included', () => {
    expect(timeIn(instant, 'UTC')).toMatchObject({
      iso: '2024-03-10T10:30:00+00:00',
      weekday: 'Sunday',
    });
    // US DST began at 2024-03-10 02:00 local: New York is already on -04:00.
    expect(timeIn(instant, 'America/New_York')).toMatchObject({
      date: '2024-03-10',
      time: '06:30:00',
      utcOffset: '-04:00',
    });
    expect(timeIn(instant, 'Asia/Kolkata').iso).toBe('2024-03-10T16:00:00+05:30');
    expect(timeIn(instant, 'Asia/Kathmandu').utcOffset).toBe('+05:45');
    expect(timeIn(parseInstant('2024-01-15T12:00:00Z'), 'Europe/Paris').utcOffset).toBe('+01:00');
    expect(timeIn(parseInstant('2024-07-15T12:00:00Z'), 'Europe/Paris').utcOffset).toBe('+02:00');
  });

  it('reads instants with offsets and treats bare ones as UTC', () => {
    expect(parseInstant('2024-03-10T12:30:00+02:00').toISOString()).toBe(
      '2024-03-10T10:30:00.000Z',
    );
    expect(parseInstant('2024-03-10 10:30').toISOString()).toBe('2024-03-10T10:30:00.000Z');
    expect(() => parseInstant('next tuesday')).toThrow(/ISO 8601/);
  });

  it('names unknown zones clearly and uses the injected clock', () => {
    expect(() => timeIn(instant, 'Mars/Olympus_Mons')).toThrow(
      /Unknown time zone "Mars\/Olympus_Mons"/,
    );
    const tools = createBuiltinTools({ now: () => Date.parse('2030-01-01T00:00:00Z') });
    expect(tools.get('datetime')?.run({ time_zone: 'Asia/Tokyo' })).toMatchObject({
      iso: '2030-01-01T09:00:00+09:00',
      utc: '2030-01-01T00:00:00Z',
    });
  });
});

describe('convert_units', () => {
  it.each([
    [1, 'km', 'mi', 0.621371192237],
    [12, 'in', 'ft', 1],
    [1, 'lb', 'g', 453.59237],
    [16, 'oz', 'lb', 1],
    [100, 'C', 'F', 212],
    [32, 'fahrenheit', 'celsius', 0],
    [0, 'K', 'C', -273.15],
    [1, 'gal', 'L', 3.785411784],
    [1, 'cup', 'tbsp', 16],
    [100, 'km/h', 'm/s', 27.7777777778],
    [1, 'knot', 'km/h', 1.852],
    [1, 'MiB', 'KiB', 1024],
    [1, 'MB', 'kB', 1000],
    [1, 'GiB', 'MB', 1073.741824],
    [8, 'bit', 'B', 1],
  ])('%d %s in %s', (value, from, to, expected) => {
    expect(convertUnits(value, from, to).result).toBeCloseTo(expected, 9);
  });

  it('rejects unknown units, mixed quantities and impossible temperatures', () => {
    expect(() => convertUnits(1, 'parsec', 'km')).toThrow(/Unknown unit "parsec"/);
    expect(() => convertUnits(1, 'kg', 'm')).toThrow(/Cannot convert mass \(kg\) to length \(m\)/);
    expect(() => convertUnits(-500, 'C', 'K')).toThrow(/below absolute zero/);
  });
});

describe('roll_dice', () => {
  it('rolls NdM+K reproducibly with a seed and within range', () => {
    const a = rollDice('3d6+2', seededRandom(42));
    const b = rollDice('3d6+2', seededRandom(42));
    expect(a).toEqual(b);
    expect(a.rolls).toHaveLength(3);
    expect(a.total).toBe(a.rolls.reduce((s, r) => s + r, 0) + 2);
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const { rolls, total } = rollDice('d20-1', random);
      expect(rolls[0]).toBeGreaterThanOrEqual(1);
      expect(rolls[0]).toBeLessThanOrEqual(20);
      expect(total).toBe((rolls[0] ?? 0) - 1);
    }
    expect(rollDice('2D8', seededRandom(1)).notation).toBe('2d8');
  });

  it('rejects bad notation and silly sizes', () => {
    const random = seededRandom(1);
    expect(() => rollDice('two dice', random)).toThrow(/not dice notation/);
    expect(() => rollDice('1000d6', random)).toThrow(/between 1 and 100/);
    expect(() => rollDice('2d1', random)).toThrow(/2 to 1000 sides/);
  });
});

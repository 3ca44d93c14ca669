/** Unit conversion by factors to a base unit per quantity (temperature by formulas). */

export class UnitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnitError';
  }
}

type Quantity = 'length' | 'mass' | 'volume' | 'speed' | 'data' | 'temperature';

interface Unit {
  quantity: Quantity;
  /** Value of one unit in the quantity's base unit (temperature: unused). */
  factor: number;
  label: string;
}

const units = new Map<string, Unit>();

function define(quantity: Quantity, factor: number, label: string, aliases: string[]): void {
  for (const alias of aliases) units.set(normalize(alias), { quantity, factor, label });
}

// Length, base metre.
define('length', 1, 'm', ['m', 'meter', 'meters', 'metre', 'metres']);
define('length', 1000, 'km', ['km', 'kilometer', 'kilometers', 'kilometre', 'kilometres']);
define('length', 0.01, 'cm', ['cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres']);
define('length', 0.001, 'mm', ['mm', 'millimeter', 'millimeters', 'millimetre', 'millimetres']);
define('length', 1609.344, 'mi', ['mi', 'mile', 'miles']);
define('length', 0.9144, 'yd', ['yd', 'yard', 'yards']);
define('length', 0.3048, 'ft', ['ft', 'foot', 'feet']);
define('length', 0.0254, 'in', ['in', 'inch', 'inches']);
define('length', 1852, 'nmi', ['nmi', 'nautical mile', 'nautical miles']);
// Mass, base kilogram.
define('mass', 1, 'kg', ['kg', 'kilogram', 'kilograms']);
define('mass', 0.001, 'g', ['g', 'gram', 'grams']);
define('mass', 1e-6, 'mg', ['mg', 'milligram', 'milligrams']);
define('mass', 1000, 't', ['t', 'tonne', 'tonnes', 'metric ton', 'metric tons']);
define('mass', 0.45359237, 'lb', ['lb', 'lbs', 'pound', 'pounds']);
define('mass', 0.028349523125, 'oz', ['oz', 'ounce', 'ounces']);
define('mass', 6.35029318, 'st', ['st', 'stone', 'stones']);
// Volume, base litre (US customary units).
define('volume', 1, 'L', ['l', 'liter', 'liters', 'litre', 'litres']);
define('volume', 0.001, 'mL', ['ml', 'milliliter', 'milliliters', 'millilitre', 'millilitres']);
define('volume', 1000, 'm³', ['m3', 'm^3', 'm³', 'cubic meter', 'cubic meters', 'cubic metre']);
define('volume', 3.785411784, 'gal', ['gal', 'gallon', 'gallons', 'us gallon']);
define('volume', 0.946352946, 'qt', ['qt', 'quart', 'quarts']);
define('volume', 0.473176473, 'pt', ['pt', 'pint', 'pints']);
define('volume', 0.2365882365, 'cup', ['cup', 'cups']);
define('volume', 0.0295735295625, 'fl oz', [
  'fl oz',
  'floz',
  'fl_oz',
  'fluid ounce',
  'fluid ounces',
]);
define('volume', 0.01478676478125, 'tbsp', ['tbsp', 'tablespoon', 'tablespoons']);
define('volume', 0.00492892159375, 'tsp', ['tsp', 'teaspoon', 'teaspoons']);
// Speed, base metre per second.
define('speed', 1, 'm/s', ['m/s', 'mps', 'meters per second', 'metres per second']);
define('speed', 1000 / 3600, 'km/h', [
  'km/h',
  'kmh',
  'kph',
  'kilometers per hour',
  'kilometres per hour',
]);
define('speed', 1609.344 / 3600, 'mph', ['mph', 'mi/h', 'miles per hour']);
define('speed', 1852 / 3600, 'kn', ['kn', 'kt', 'knot', 'knots']);
define('speed', 0.3048, 'ft/s', ['ft/s', 'fps', 'feet per second']);
// Data, base byte: decimal (kB = 1000 B) and binary (KiB = 1024 B) prefixes.
define('data', 1 / 8, 'bit', ['bit', 'bits', 'b']);
define('data', 1, 'B', ['B', 'byte', 'bytes']);
const prefixes: [string, string, number][] = [
  ['k', 'kilo', 1],
  ['M', 'mega', 2],
  ['G', 'giga', 3],
  ['T', 'tera', 4],
  ['P', 'peta', 5],
];
for (const [p, word, power] of prefixes) {
  define('data', 1000 ** power, `${p}B`, [
    `${p}B`,
    `${p.toUpperCase()}B`,
    `${word}byte`,
    `${word}bytes`,
  ]);
  define('data', 1024 ** power, `${p.toUpperCase()}iB`, [
    `${p.toUpperCase()}iB`,
    `${word.slice(0, 2)}bibyte`,
    `${word.slice(0, 2)}bibytes`,
  ]);
  define('data', 1000 ** power / 8, `${p}bit`, [
    `${p}bit`,
    `${p.toLowerCase()}bit`,
    `${word}bit`,
    `${word}bits`,
  ]);
}
// Temperature: converted by formula.
define('temperature', 1, '°C', ['c', '°c', 'celsius', 'degc', 'degrees celsius']);
define('temperature', 1, '°F', ['f', '°f', 'fahrenheit', 'degf', 'degrees fahrenheit']);
define('temperature', 1, 'K', ['k', 'kelvin', 'kelvins']);

/** Case matters only where it tells bits from bytes (b / B, Mb / MB). */
function normalize(unit: string): string {
  const trimmed = unit.trim().replace(/\s+/g, ' ');
  return /^[kKMGTP]?i?[bB](it|its)?$/.test(trimmed) ? trimmed : trimmed.toLowerCase();
}

function lookup(unit: string): Unit {
  const found = units.get(normalize(unit)) ?? units.get(unit.trim().toLowerCase());
  if (!found) {
    throw new UnitError(
      `Unknown unit "${unit}". Supported: length (m, km, mi, ft, in…), mass (kg, g, lb, oz…), ` +
        'temperature (C, F, K), volume (L, mL, gal, cup…), speed (m/s, km/h, mph, kn), ' +
        'data (B, kB, MB, KiB, MiB, bit…).',
    );
  }
  return found;
}

export interface Conversion {
  value: number;
  from: string;
  to: string;
  result: number;
  quantity: Quantity;
}

export function convertUnits(value: number, from: string, to: string): Conversion {
  if (!Number.isFinite(value)) throw new UnitError('The value must be a finite number.');
  const a = lookup(from);
  const b = lookup(to);
  if (a.quantity !== b.quantity) {
    throw new UnitError(`Cannot convert ${a.quantity} (${a.label}) to ${b.quantity} (${b.label}).`);
  }
  const result =
    a.quantity === 'temperature'
      ? fromKelvin(toKelvin(value, a.label), b.label)
      : (value * a.factor) / b.factor;
  if (a.quantity === 'temperature' && toKelvin(value, a.label) < 0) {
    throw new UnitError(`${value} ${a.label} is below absolute zero.`);
  }
  return {
    value,
    from: a.label,
    to: b.label,
    result: Number(result.toPrecision(12)),
    quantity: a.quantity,
  };
}

function toKelvin(value: number, label: string): number {
  if (label === '°C') return value + 273.15;
  if (label === '°F') return ((value - 32) * 5) / 9 + 273.15;
  return value;
}

function fromKelvin(kelvin: number, label: string): number {
  if (label === '°C') return kelvin - 273.15;
  if (label === '°F') return ((kelvin - 273.15) * 9) / 5 + 32;
  return kelvin;
}

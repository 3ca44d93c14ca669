/** Dice in NdM+K notation with an injectable random source (seeded in tests). */

export class DiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiceError';
  }
}

/** A function returning floats in [0, 1), like Math.random. */
export type RandomSource = () => number;

/** mulberry32: a small seeded PRNG, for reproducible rolls. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DiceRoll {
  notation: string;
  rolls: number[];
  modifier: number;
  total: number;
}

const MAX_DICE = 100;
const MAX_SIDES = 1000;

/** Rolls e.g. "d20", "2d6+3", "4d8-1", "3D6". */
export function rollDice(notation: string, random: RandomSource): DiceRoll {
  const match = /^\s*(\d*)\s*[dD]\s*(\d+)\s*(?:([+-])\s*(\d+))?\s*$/.exec(notation);
  if (!match) {
    throw new DiceError(`"${notation}" is not dice notation; write NdM+K, e.g. "2d6+3" or "d20".`);
  }
  const count = match[1] === '' || match[1] === undefined ? 1 : Number(match[1]);
  const sides = Number(match[2]);
  const modifier = match[4] === undefined ? 0 : Number(match[4]) * (match[3] === '-' ? -1 : 1);
  if (count < 1 || count > MAX_DICE) throw new DiceError(`Roll between 1 and ${MAX_DICE} dice.`);
  if (sides < 2 || sides > MAX_SIDES) throw new DiceError(`Dice have 2 to ${MAX_SIDES} sides.`);
  const rolls = Array.from({ length: count }, () => 1 + Math.floor(random() * sides));
  const total = rolls.reduce((sum, roll) => sum + roll, 0) + modifier;
  const sign = modifier > 0 ? `+${modifier}` : modifier < 0 ? `${modifier}` : '';
  return { notation: `${count}d${sides}${sign}`, rolls, modifier, total };
}

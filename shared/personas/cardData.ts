import type { CharacterCardV3, CharacterCardV3Data } from '../cards';

/** A whole card or just its `data`: both are accepted wherever a character is expected. */
export type CharacterInput = CharacterCardV3 | CharacterCardV3Data;

export function cardData(card: CharacterInput): CharacterCardV3Data {
  const { spec, data } = card as Partial<CharacterCardV3>;
  const isCard = typeof spec === 'string' && typeof data === 'object' && data !== null;
  return isCard ? data : (card as CharacterCardV3Data);
}

/** A string field, or '' when the card lacks it (cards from the wild are not always complete). */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

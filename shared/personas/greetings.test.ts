import { describe, expect, it } from 'vitest';
import { greetings } from './greetings';
import type { CharacterCardV3 } from '../cards';

const card: CharacterCardV3 = {
  spec: 'chara_card_v3',
  spec_version: '3.0',
  data: {
    name: 'Seraphina',
    description: '',
    personality: '',
    scenario: '',
    first_mes: '*{{char}} smiles at {{user}}.* Welcome, it is {{weekday}}.',
    mes_example: '',
    creator_notes: '',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: ['Ah, <USER>, you are awake.', '   ', 'Rest, {{user}}.'],
    tags: [],
    creator: '',
    character_version: '',
    extensions: {},
    group_only_greetings: [],
  },
};
const context = { user: 'Alice', now: new Date(Date.UTC(2025, 0, 5, 12)), timeZone: 'UTC' };

describe('greetings', () => {
  it('returns first_mes then the alternate greetings, expanded, without blank ones', () => {
    expect(greetings(card, context)).toEqual([
      '*Seraphina smiles at Alice.* Welcome, it is Sunday.',
      'Ah, Alice, you are awake.',
      'Rest, Alice.',
    ]);
  });

  it('accepts the card data alone and survives missing fields', () => {
    const data = {
      ...card.data,
      first_mes: '',
      alternate_greetings: undefined,
    } as unknown as CharacterCardV3['data'];
    expect(greetings(data, context)).toEqual([]);
    expect(greetings(card.data, { ...context, char: 'Sera' })[0]).toBe(
      '*Sera smiles at Alice.* Welcome, it is Sunday.',
    );
  });
});

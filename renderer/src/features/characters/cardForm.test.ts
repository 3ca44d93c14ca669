import { describe, expect, it } from 'vitest';
import { normalizeCharacterCard } from '../../../../shared/cards';
import {
  cardToForm,
  emptyBook,
  emptyCard,
  fieldOfError,
  formToCard,
  greetingCount,
  problemsOf,
  sameForm,
} from './cardForm';

// A V2 card as SillyTavern writes it, read the way the backend reads every import.
const seraphina = normalizeCharacterCard({
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Seraphina',
    description: "{{char}} is a guardian of Eldoria's forest.",
    personality: 'caring, protective',
    scenario: '{{user}} wakes in her glade.',
    first_mes: '*You wake up in a cozy glade, and a woman with pink hair smiles at you.*',
    mes_example: '<START>\n{{user}}: Who are you?\n{{char}}: Seraphina.',
    creator_notes: '**Hello**',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: [],
    tags: ['fantasy', 'female'],
    creator: 'SillyTavern',
    character_version: '1.0',
    extensions: { talkativeness: '0.5', fav: false },
    character_book: {
      name: 'Eldoria',
      extensions: {},
      entries: [
        {
          keys: ['eldoria', 'forest'],
          content: 'The forest of Eldoria is ancient.',
          extensions: { position: 0, selectiveLogic: 0 },
          enabled: true,
          insertion_order: 100,
          id: 1,
        },
      ],
    },
  },
}).card;

describe('card ↔ form', () => {
  it("reads Seraphina's card into the form", () => {
    const form = cardToForm(seraphina);
    expect(form.name).toBe('Seraphina');
    expect(form.firstMessage.length).toBeGreaterThan(50);
    expect(form.book?.entries.length).toBeGreaterThan(0);
    expect(greetingCount(form)).toBeGreaterThanOrEqual(1);
  });

  it('writes an unchanged form back as the same card', () => {
    expect(formToCard(cardToForm(seraphina), seraphina)).toEqual(seraphina);
  });

  it('writes edits and keeps fields the form does not know', () => {
    const base = emptyCard();
    base.data.extensions = { depth_prompt: { prompt: 'x', depth: 4 } };
    base.data.assets = [{ type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }];
    base.data.group_only_greetings = ['Hi all'];
    base.vendor_field = { kept: true };
    const form = cardToForm(base);
    const card = formToCard(
      {
        ...form,
        name: '  Aria  ',
        tags: ['sci-fi'],
        firstMessage: 'Hello.',
        alternateGreetings: ['Hi!', '   ', 'Yo.'],
        systemPrompt: '{{original}} Stay in character.',
      },
      base,
    );
    expect(card.data.name).toBe('Aria');
    expect(card.data.tags).toEqual(['sci-fi']);
    expect(card.data.first_mes).toBe('Hello.');
    expect(card.data.alternate_greetings).toEqual(['Hi!', 'Yo.']);
    expect(card.data.system_prompt).toBe('{{original}} Stay in character.');
    expect(card.data.extensions).toEqual({ depth_prompt: { prompt: 'x', depth: 4 } });
    expect(card.data.assets).toHaveLength(1);
    expect(card.data.group_only_greetings).toEqual(['Hi all']);
    expect(card.vendor_field).toEqual({ kept: true });
  });

  it('adds a nickname only when one is typed, and removes a cleared one', () => {
    const base = emptyCard();
    expect('nickname' in formToCard(cardToForm(base), base).data).toBe(false);
    const named = formToCard({ ...cardToForm(base), nickname: 'Sera' }, base);
    expect(named.data.nickname).toBe('Sera');
    expect('nickname' in formToCard({ ...cardToForm(named), nickname: '' }, named).data).toBe(
      false,
    );
  });

  it('leaves out a new lorebook with no entries, but keeps an existing one emptied', () => {
    const base = emptyCard();
    const form = { ...cardToForm(base), book: emptyBook() };
    expect(formToCard(form, base).data.character_book).toBeUndefined();
    const emptied = formToCard({ ...cardToForm(seraphina), book: emptyBook() }, seraphina);
    expect(emptied.data.character_book?.entries).toEqual([]);
    const removed = formToCard({ ...cardToForm(seraphina), book: null }, seraphina);
    expect(removed.data.character_book).toBeUndefined();
  });

  it('counts greetings that are not blank and sees edits as changes', () => {
    const form = cardToForm(emptyCard());
    expect(greetingCount(form)).toBe(0);
    expect(greetingCount({ firstMessage: 'Hi', alternateGreetings: ['', 'Hey', ' '] })).toBe(2);
    expect(sameForm(form, cardToForm(emptyCard()))).toBe(true);
    expect(sameForm(form, { ...form, scenario: 'A tavern.' })).toBe(false);
  });

  it('asks for a name before saving', () => {
    expect(problemsOf(cardToForm(emptyCard())).name).toMatch(/name/);
    expect(problemsOf({ ...cardToForm(emptyCard()), name: 'Aria' })).toEqual({});
  });

  it('finds the field a validation message is about', () => {
    expect(fieldOfError('Invalid character card: data.first_mes must be a string')).toBe(
      'firstMessage',
    );
    expect(fieldOfError('data.character_book.entries[2].content must be a string')).toBe('book');
    expect(fieldOfError('Invalid character card: data.creator_notes must be a string')).toBe(
      'creatorNotes',
    );
    expect(fieldOfError('Invalid request to characters.save: card.data.name is blank')).toBe(
      'name',
    );
    expect(fieldOfError('Something else went wrong')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { CharacterCardV3Data } from '../../../../shared/cards';
import type { PromptAssemblyRecord } from '../../../../shared/contract/personas';
import { assemblePrompt, greetings, type PromptHistoryMessage } from '../../../../shared/personas';
import { emptyCard } from '../characters/cardForm';
import { activationText, sectionItems, totals } from './assemblySections';

const entry = (keys: string[], content: string, extra: Record<string, unknown> = {}) => ({
  keys,
  content,
  extensions: {},
  enabled: true,
  insertion_order: 100,
  ...extra,
});

/** A card shaped like SillyTavern's Seraphina: description, greeting and a small lorebook. */
const card: CharacterCardV3Data = {
  ...emptyCard().data,
  name: 'Seraphina',
  description: '{{char}} is the guardian of an enchanted forest.',
  first_mes: '*You wake in a glade.* The name’s {{char}}, guardian of this forest.',
  character_book: {
    extensions: {},
    entries: [
      entry(['eldoria'], 'Eldoria is the forest {{char}} guards.', { comment: 'Eldoria' }),
      entry(['shadowfang'], 'Shadowfangs are beasts of the dark.', {
        comment: 'Shadowfangs',
        position: 'before_char',
        use_regex: false,
      }),
    ],
  } as CharacterCardV3Data['character_book'],
};
const countTokens = (text: string): number =>
  (text.match(/<\|[a-z_]+\|>|\w+|[^\s\w]/g) ?? []).length;
const now = new Date(Date.UTC(2025, 0, 5, 12));

/** What the backend stores for a reply: the real assembler on the real Seraphina card. */
function assembly(contextSize: number, turns = 1): PromptAssemblyRecord {
  const [greeting] = greetings(card, { user: 'Alice', now, timeZone: 'UTC' });
  const history: PromptHistoryMessage[] = [
    { id: 'greeting', role: 'assistant', content: greeting! },
  ];
  for (let i = 0; i < turns; i++) {
    history.push(
      { id: `u${i}`, role: 'user', content: `Question ${i} about the glade and trees.` },
      { id: `a${i}`, role: 'assistant', content: `Answer ${i}: the forest is old.` },
    );
  }
  history.push({ id: 'last', role: 'user', content: 'Tell me about the Shadowfangs.' });
  const result = assemblePrompt({
    character: card,
    persona: { name: 'Alice', description: 'A traveller who got lost in the woods.' },
    preset: { name: 'Roleplay', systemPrompt: 'Write {{char}}’s next reply to {{user}}.' },
    history,
    contextSize,
    reserveForReply: 64,
    countTokens,
    now,
    timeZone: 'UTC',
    lorebook: { scanDepth: 1 },
  });
  return {
    sections: result.sections,
    tokens: result.tokens,
    droppedMessageIds: result.truncated.droppedMessageIds,
    warnings: result.warnings,
  };
}

describe('sectionItems', () => {
  it('lists the pieces in prompt order with their kinds and tokens', () => {
    const items = sectionItems(assembly(8192));
    const kinds = items.map((i) => (i.type === 'history' ? 'History' : i.row.kindLabel));
    expect(kinds).toEqual([
      'System prompt',
      'Lorebook',
      'Description',
      'Persona',
      'History',
      'Generation prompt',
    ]);
    expect(kinds).toContain('Lorebook');
    expect(kinds).toContain('Description');
    expect(kinds).toContain('Persona');
    expect(kinds.indexOf('Persona')).toBeGreaterThan(kinds.indexOf('Description'));
    expect(kinds.filter((k) => k === 'History')).toHaveLength(1);
    const persona = items.find((i) => i.type === 'section' && i.row.kind === 'persona');
    expect(persona?.type === 'section' && persona.row.text).toContain('A traveller');
    expect(persona?.type === 'section' && persona.row.tokens).toBeGreaterThan(0);
  });

  it('says why the lorebook entry was activated', () => {
    const lore = sectionItems(assembly(8192)).filter(
      (i) => i.type === 'section' && i.row.kind === 'lorebook',
    );
    expect(lore).toHaveLength(1);
    expect(lore[0]?.type === 'section' && lore[0].row.label).toBe('Shadowfangs');
    expect(lore[0]?.type === 'section' && lore[0].row.detail).toBe(
      'Key “shadowfang” in the latest message · before the character',
    );
  });

  it('greys what was cut when the context is full, with the reason', () => {
    const full = assembly(8192, 12);
    const budget = full.tokens.total - 60;
    const tight = sectionItems(assembly(budget + 64, 12));
    const history = tight.find((i) => i.type === 'history');
    expect(history?.type === 'history' && history.cut).toBeGreaterThan(0);
    const cut = history?.type === 'history' ? history.rows.find((r) => !r.included) : undefined;
    expect(cut?.reason).toBeTruthy();
    const kept = history?.type === 'history' ? history.rows.at(-1) : undefined;
    expect(kept).toMatchObject({ included: true, reason: null });
  });
});

describe('activationText', () => {
  const ids = ['g', 'u1', 'a1', 'u2'];
  it('names constants, messages, fields and recursion', () => {
    expect(activationText({ key: null, matchedIn: { kind: 'constant' } }, ids)).toBe(
      'Constant — always included',
    );
    expect(
      activationText({ key: 'glade', matchedIn: { kind: 'message', messageIndex: 2 } }, ids),
    ).toBe('Key “glade” in the previous message');
    expect(
      activationText(
        { key: 'wolf', secondaryKeys: ['night'], matchedIn: { kind: 'message', messageIndex: 0 } },
        ids,
      ),
    ).toBe('Key “wolf” with “night” in a message 3 back');
    expect(
      activationText({ key: 'elf', matchedIn: { kind: 'field', field: 'scenario' } }, ids),
    ).toBe('Key “elf” in the scenario');
    expect(
      activationText(
        { key: 'moon', matchedIn: { kind: 'entry', entryIndex: 2, label: 'Night' } },
        ids,
      ),
    ).toBe('Key “moon” in the entry “Night” (recursive scan)');
  });
});

describe('totals', () => {
  it('shows the tokens used against the budget', () => {
    expect(totals({ total: 1234, budget: 4096, fits: true })).toEqual({
      text: '1,234 / 4,096 tokens',
      percent: 30,
      fits: true,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { TalariaError } from '../contract/errors';
import { renderHermesPrompt } from '../hermes';
import { emptyCardData, type CharacterCardV3Data } from '../cards';
import { assemblePrompt } from './assemblePrompt';
import type { AssemblePromptInput, PromptHistoryMessage } from './promptTypes';

/** A stand-in tokenizer: ChatML special tokens, words and punctuation each count one. */
const countTokens = (text: string): number =>
  (text.match(/<\|[a-z_]+\|>|\w+|[^\s\w]/g) ?? []).length;

const character: CharacterCardV3Data = {
  ...emptyCardData(),
  name: 'Seraphina',
  description: '{{char}} guards the forest.',
  personality: 'gentle',
  scenario: '{{user}} wakes in the glade.',
  first_mes: 'You are awake!',
  mes_example:
    '<START>\n{{user}}: Who are you?\n{{char}}: A guardian.\n<START>\n{{user}}: Why?\n{{char}}: Duty.',
  character_book: {
    extensions: {},
    entries: [
      {
        keys: ['wolf'],
        content: 'Wolves roam.',
        extensions: {},
        enabled: true,
        insertion_order: 10,
        position: 'before_char',
        use_regex: false,
        comment: 'Wolves',
      },
      {
        keys: ['wolf'],
        content: 'Beware the {{user}}-eaters.',
        extensions: {},
        enabled: true,
        insertion_order: 20,
        position: 'after_char',
        use_regex: false,
        comment: 'Eaters',
      },
      {
        keys: ['wolf'],
        content: 'Howls nearby.',
        extensions: { position: 4, depth: 1 },
        enabled: true,
        insertion_order: 30,
        use_regex: false,
        comment: 'Howls',
      },
      {
        keys: ['wolf'],
        content: 'Tales of packs.',
        extensions: { position: 5 },
        enabled: true,
        insertion_order: 40,
        use_regex: false,
        comment: 'Tales',
      },
      {
        keys: ['unrelated'],
        content: 'Never here.',
        extensions: {},
        enabled: true,
        insertion_order: 50,
        use_regex: false,
      },
    ],
  },
};

const history: PromptHistoryMessage[] = [
  { id: 'g', role: 'assistant', content: 'You are awake!' },
  { id: 'u1', role: 'user', content: 'I heard a wolf, {{char}}.' },
];

function input(overrides: Partial<AssemblePromptInput> = {}): AssemblePromptInput {
  return {
    preset: {
      name: 'Roleplay',
      systemPrompt: 'You are {{char}}. Today is {{weekday}}.',
      postHistoryInstructions: 'Stay in character.',
    },
    character,
    persona: { name: 'Alice', description: 'A lost traveller.' },
    history,
    contextSize: 4096,
    reserveForReply: 512,
    countTokens,
    now: new Date(Date.UTC(2025, 0, 5, 12)),
    timeZone: 'UTC',
    ...overrides,
  };
}

describe('assemblePrompt: order', () => {
  it('builds the documented order and ChatML turns', () => {
    const result = assemblePrompt(input());
    expect(result.sections.map((s) => s.key)).toEqual([
      'systemPrompt',
      'lore:0',
      'description',
      'personality',
      'scenario',
      'lore:1',
      'persona',
      'lore:3',
      'example:0',
      'example:1',
      'history:g',
      'lore:2',
      'history:u1',
      'postHistoryInstructions',
      'generationPrompt',
    ]);
    expect(result.sections.every((s) => s.included)).toBe(true);
    expect(result.messages).toEqual([
      {
        role: 'system',
        content: [
          'You are Seraphina. Today is Sunday.',
          'Wolves roam.',
          'Seraphina guards the forest.',
          "Seraphina's personality: gentle",
          'Scenario: Alice wakes in the glade.',
          'Beware the Alice-eaters.',
          "Alice's persona: A lost traveller.",
          'Tales of packs.',
          'Example dialogues showing how Seraphina speaks and acts (not part of this conversation):\n' +
            'Alice: Who are you?\nSeraphina: A guardian.',
          'Alice: Why?\nSeraphina: Duty.',
        ].join('\n\n'),
      },
      { role: 'assistant', content: 'You are awake!' },
      { role: 'system', content: 'Howls nearby.' },
      { role: 'user', content: 'I heard a wolf, Seraphina.' },
      { role: 'system', content: 'Stay in character.' },
    ]);
    const lore = result.sections.find((s) => s.key === 'lore:0')!;
    expect(lore.lore?.activation).toEqual({
      key: 'wolf',
      matchedIn: { kind: 'message', messageIndex: 1, messageId: 'u1' },
    });
    expect(result.tokens.total).toBe(
      countTokens(renderHermesPrompt(result.messages) /* adds BOS and the generation prompt */),
    );
    expect(result.tokens).toMatchObject({ budget: 3584, fits: true });
    expect(result.truncated.droppedMessageIds).toEqual([]);
  });

  it("lets the character's prompts override the preset, with {{original}}", () => {
    const overriding = {
      ...character,
      system_prompt: '{{original}} Speak softly.',
      post_history_instructions: 'Be brief. {{original}}',
    };
    const result = assemblePrompt(input({ character: overriding }));
    expect(
      result.messages[0]!.content.startsWith(
        'You are Seraphina. Today is Sunday. Speak softly.\n\n',
      ),
    ).toBe(true);
    expect(result.messages.at(-1)).toEqual({
      role: 'system',
      content: 'Be brief. Stay in character.',
    });
    expect(result.sections[0]!.label).toBe("Seraphina's system prompt");
    const ignored = assemblePrompt(input({ character: overriding, useCharacterOverrides: false }));
    expect(ignored.messages[0]!.content.startsWith('You are Seraphina. Today is Sunday.\n\n')).toBe(
      true,
    );
  });

  it('works without character, persona or preset', () => {
    const result = assemblePrompt({
      ...input(),
      preset: undefined,
      character: undefined,
      persona: undefined,
    });
    expect(result.messages).toEqual([
      { role: 'assistant', content: 'You are awake!' },
      { role: 'user', content: 'I heard a wolf, Assistant.' },
    ]);
    expect(result.sections.map((s) => s.kind)).toEqual(['history', 'history', 'generationPrompt']);
  });

  it('can leave macros in history alone', () => {
    const result = assemblePrompt(input({ expandHistoryMacros: false }));
    expect(result.messages.find((m) => m.role === 'user')!.content).toBe(
      'I heard a wolf, {{char}}.',
    );
  });

  it('shows lorebook entries cut by the lorebook budget', () => {
    const result = assemblePrompt(input({ lorebook: { tokenBudget: 4 } }));
    const lore = result.sections.filter((s) => s.kind === 'lorebook');
    expect(lore.map((s) => [s.label, s.included])).toEqual([
      ['Wolves', false],
      ['Eaters', false],
      ['Tales', true],
      ['Howls', false],
    ]);
    expect(lore[0]!.reason).toMatch(/lorebook token budget \(4 tokens\)/);
    expect(result.messages[0]!.content).not.toContain('Wolves roam.');
  });
});

describe('assemblePrompt: context budget', () => {
  const long: PromptHistoryMessage[] = Array.from({ length: 40 }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `message ${i} ${'blah '.repeat(20)}`,
  }));
  long.push({ id: 'last', role: 'user', content: 'And the wolf?' });

  it('cuts the oldest history first and reports it', () => {
    const result = assemblePrompt(input({ history: long, contextSize: 900, reserveForReply: 100 }));
    const dropped = result.truncated.droppedMessageIds;
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped).toEqual(long.slice(0, dropped.length).map((m) => m.id));
    expect(result.tokens.fits).toBe(true);
    expect(result.tokens.total).toBeLessThanOrEqual(800);
    // Fewest cuts: keeping one more message would not fit.
    const kept = result.messages.filter((m) => m.role !== 'system').length;
    expect(kept).toBe(long.length - dropped.length);
    for (const id of dropped) {
      const section = result.sections.find((s) => s.messageId === id)!;
      expect(section.included).toBe(false);
      expect(section.reason).toMatch(/oldest messages/);
    }
    expect(
      result.sections.filter((s) => s.kind === 'exampleDialogue').every((s) => s.included),
    ).toBe(true);
    expect(result.messages.at(-2)).toEqual({ role: 'user', content: 'And the wolf?' });
    const oneMore = assemblePrompt(
      input({
        history: long.slice(dropped.length - 1),
        contextSize: 100_000,
        reserveForReply: 100,
      }),
    );
    expect(oneMore.tokens.total).toBeGreaterThan(800);
  });

  it('then cuts example dialogues, then the lowest-priority lorebook entries', () => {
    // 70 tokens: room for the fixed parts and two of the four lorebook entries.
    const tight = assemblePrompt(input({ history: long, contextSize: 170, reserveForReply: 100 }));
    expect(tight.truncated.droppedMessageIds).toEqual(long.slice(0, -1).map((m) => m.id));
    const examples = tight.sections.filter((s) => s.kind === 'exampleDialogue');
    const lore = tight.sections.filter((s) => s.kind === 'lorebook');
    expect(examples.map((s) => s.included)).toEqual([false, false]);
    expect(examples[0]!.reason).toMatch(/example dialogues/);
    // Lowest priority (insertion_order 10, "Wolves") goes first; the highest stays longest.
    expect(lore.map((s) => [s.label, s.included])).toEqual([
      ['Wolves', false],
      ['Eaters', false],
      ['Tales', true],
      ['Howls', true],
    ]);
    expect(lore[0]!.reason).toMatch(/lowest priority first/);
    expect(tight.tokens.fits).toBe(true);
    expect(tight.messages[0]!.content).toContain('Seraphina guards the forest.');
  });

  it('never cuts the system block or the last user turn, and says when it still does not fit', () => {
    const result = assemblePrompt(input({ history: long, contextSize: 60, reserveForReply: 10 }));
    expect(result.tokens.fits).toBe(false);
    expect(result.sections.filter((s) => s.included).map((s) => s.kind)).toEqual([
      'systemPrompt',
      'description',
      'personality',
      'scenario',
      'persona',
      'history',
      'postHistoryInstructions',
      'generationPrompt',
    ]);
    expect(result.messages.at(-2)!.content).toBe('And the wolf?');
  });

  it('rejects impossible budgets', () => {
    expect(() => assemblePrompt(input({ contextSize: 0 }))).toThrow(TalariaError);
    expect(() => assemblePrompt(input({ contextSize: 100, reserveForReply: 100 }))).toThrow(
      /reserved/,
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCharacterCard } from '../cards';
import { renderHermesPrompt } from '../hermes';
import { activateLorebook, assemblePrompt, greetings } from './index';

const card = readCharacterCard(
  new Uint8Array(readFileSync(new URL('../cards/fixtures/seraphina-v2.png', import.meta.url))),
);
const countTokens = (text: string): number =>
  (text.match(/<\|[a-z_]+\|>|\w+|[^\s\w]/g) ?? []).length;
const now = new Date(Date.UTC(2025, 0, 5, 12));
const context = { user: 'Alice', now, timeZone: 'UTC' };

function chat(userMessage: string) {
  const [greeting] = greetings(card, context);
  return [
    { id: 'greeting', role: 'assistant' as const, content: greeting! },
    { id: 'u1', role: 'user' as const, content: userMessage },
  ];
}

describe('the real Seraphina card', () => {
  it('opens with its greeting, macro-expanded', () => {
    const all = greetings(card, context);
    expect(all).toHaveLength(1);
    expect(all[0]).toContain("The name's Seraphina, guardian of this forest");
  });

  it('triggers its lorebook from a message and puts the entry in the prompt', () => {
    const history = chat('Tell me about the Shadowfangs that attacked me.');
    const result = assemblePrompt({
      character: card,
      persona: { name: 'Alice', description: 'A traveller who got lost in the woods.' },
      preset: {
        systemPrompt: "Write {{char}}'s next reply in this fictional roleplay with {{user}}.",
      },
      history,
      contextSize: 8192,
      reserveForReply: 512,
      countTokens,
      now,
      timeZone: 'UTC',
      lorebook: { scanDepth: 1 },
    });
    const lore = result.sections.filter((s) => s.kind === 'lorebook');
    expect(lore.map((s) => s.lore?.index)).toEqual([1]);
    expect(lore[0]!.lore?.activation).toEqual({
      key: 'shadowfang',
      matchedIn: { kind: 'message', messageIndex: 1, messageId: 'u1' },
    });
    const system = result.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain(
      'Alice: "What are Shadowfangs?"\nSeraphina: *Seraphina\'s eyes darken',
    );
    expect(system.content).not.toContain('{{user}}');
    // A before_char entry sits between the system prompt and the description.
    const entryAt = system.content.indexOf('What are Shadowfangs?');
    expect(entryAt).toBeGreaterThan(system.content.indexOf('fictional roleplay with Alice'));
    expect(entryAt).toBeLessThan(system.content.indexOf("[Seraphina's Personality="));
    expect(system.content).toContain("Alice's persona: A traveller who got lost in the woods.");
    expect(result.messages.slice(1)).toEqual([
      { role: 'assistant', content: history[0]!.content },
      { role: 'user', content: 'Tell me about the Shadowfangs that attacked me.' },
    ]);
    const prompt = renderHermesPrompt(result.messages);
    expect(prompt).toContain('<|im_start|>system\nWrite Seraphina');
    expect(result.tokens.total).toBe(countTokens(prompt));
  });

  it('leaves the lorebook out when nothing mentions its keys', () => {
    const entries = card.data.character_book!.entries;
    const quiet = activateLorebook(entries, { messages: [{ content: 'Thank you for the tea.' }] });
    expect(quiet.activated).toEqual([]);
    // With the default scan depth the greeting (forest, beasts, magic) counts too.
    const result = activateLorebook(entries, {
      messages: chat('Thank you for the tea.').map((m) => ({ content: m.content })),
    });
    expect(result.activated.map((a) => [a.index, a.reason.key])).toEqual([
      [0, 'forest'],
      [1, 'beast'],
      [3, 'magic'],
    ]);
  });
});

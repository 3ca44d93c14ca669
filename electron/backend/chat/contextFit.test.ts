import { describe, expect, it } from 'vitest';
import type { ChatRole, Conversation, Message } from '../../../shared/contract/types';
import { createHistoryFitter, planFit, TURN_OVERHEAD_TOKENS, type SizedTurn } from './contextFit';

const turn = (id: string, role: ChatRole, tokens: number): SizedTurn => ({ id, role, tokens });

// Four exchanges of 30 tokens each; the last is a tool exchange.
const TURNS: SizedTurn[] = [
  turn('u1', 'user', 10),
  turn('a1', 'assistant', 20),
  turn('u2', 'user', 10),
  turn('a2', 'assistant', 20),
  turn('u3', 'user', 10),
  turn('a3', 'assistant', 20),
  turn('u4', 'user', 10),
  turn('a4', 'assistant', 10),
  turn('t4', 'tool', 10),
];

describe('planFit', () => {
  it('keeps everything that fits', () => {
    expect(planFit(TURNS, 120, 'stopAndAsk')).toEqual({
      keep: new Set(TURNS.map((t) => t.id)),
      dropped: 0,
    });
  });

  it('rolling window leaves out the oldest exchanges whole', () => {
    const { keep, dropped } = planFit(TURNS, 65, 'rollingWindow');
    expect([...keep]).toEqual(['u3', 'a3', 'u4', 'a4', 't4']);
    expect(dropped).toBe(4);
  });

  it('truncate middle keeps the first exchange and the newest', () => {
    const { keep } = planFit(TURNS, 65, 'truncateMiddle');
    expect([...keep]).toEqual(['u1', 'a1', 'u4', 'a4', 't4']);
  });

  it('always keeps the last exchange, even when it alone is too big', () => {
    expect([...planFit(TURNS, 5, 'rollingWindow').keep]).toEqual(['u4', 'a4', 't4']);
    expect([...planFit(TURNS, 5, 'truncateMiddle').keep]).toEqual(['u4', 'a4', 't4']);
  });

  it('stop and ask refuses with the sizes in the error', () => {
    expect(() => planFit(TURNS, 100, 'stopAndAsk')).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        details: { reason: 'CONTEXT_FULL', promptTokens: 120, budget: 100 },
      }),
    );
  });
});

function message(i: number, content: string): Message {
  return {
    id: `m${i}`,
    conversationId: 'c',
    parentId: i === 0 ? null : `m${i - 1}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content,
    status: 'complete',
    error: null,
    model: null,
    createdAt: i,
    updatedAt: i,
    stats: null,
  };
}

function conversation(sampling: Conversation['sampling']): Conversation {
  const base = { id: 'c', title: 't', systemPrompt: '', createdAt: 0, updatedAt: 0 };
  return { ...base, sampling, activeLeafId: null };
}

describe('createHistoryFitter', () => {
  const history = Array.from({ length: 40 }, (_, i) => message(i, 'word '.repeat(20)));

  it('sends a history that fits without tokenizing it', async () => {
    let counted = 0;
    const fit = createHistoryFitter({
      contextSize: () => 100_000,
      count: async () => ++counted,
    });
    expect(await fit(conversation({}), history)).toBe(history);
    expect(counted).toBe(0);
  });

  it('narrows to the conversation context length using the counted ratio', async () => {
    const texts: string[] = [];
    const fit = createHistoryFitter({
      contextSize: () => 100_000,
      // One token per five bytes ("word ").
      count: async (text) => {
        texts.push(text);
        return Math.ceil(text.length / 5);
      },
    });
    const sampling = { contextLength: 400, maxTokens: 100 };
    const kept = await fit(conversation(sampling), history);
    // Budget 400 - 100 - 8 = 292 tokens; each message is 20 + 8 tokens: ten fit.
    expect(20 + TURN_OVERHEAD_TOKENS).toBe(28);
    expect(kept.length).toBe(10);
    expect(kept.at(-1)).toBe(history.at(-1));
    expect(kept[0]?.role).toBe('user');
    expect(texts).toHaveLength(1);
  });

  it('fails the reply under stopAndAsk', async () => {
    const fit = createHistoryFitter({ contextSize: () => 256, count: async () => 5000 });
    await expect(
      fit(conversation({ contextPolicy: 'stopAndAsk', maxTokens: 16 }), history),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('leaves the history alone when no model is loaded', async () => {
    const fit = createHistoryFitter({ contextSize: () => null, count: async () => null });
    expect(await fit(conversation({ contextLength: 64 }), history)).toBe(history);
  });
});

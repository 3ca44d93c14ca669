import { describe, expect, it } from 'vitest';
import type { Conversation, GenerationStats, Message } from '../../../../shared/contract/types';
import { contextUsage } from './contextUsage';

const stats = (promptTokens: number, completionTokens: number): GenerationStats => ({
  ttftMs: 1,
  tokensPerSecond: 1,
  promptTokens,
  evaluatedPromptTokens: promptTokens,
  completionTokens,
  durationMs: 1,
  stopReason: 'eos',
});

const msg = (s: GenerationStats | null): Message => ({
  id: 'm',
  conversationId: 'c',
  parentId: null,
  role: s ? 'assistant' : 'user',
  content: 'x',
  status: 'complete',
  error: null,
  model: null,
  createdAt: 0,
  updatedAt: 0,
  stats: s,
});

const conversation = (contextLength?: number | null): Conversation => ({
  id: 'c',
  title: 't',
  systemPrompt: '',
  sampling: contextLength === undefined ? {} : { contextLength },
  createdAt: 0,
  updatedAt: 0,
  activeLeafId: null,
});

describe('contextUsage', () => {
  it('uses the newest reply with stats against the loaded context', () => {
    const usage = contextUsage([msg(stats(100, 50)), msg(stats(900, 124)), msg(null)], null, 4096);
    expect(usage).toEqual({ used: 1024, size: 4096, fraction: 0.25, level: 'ok' });
  });

  it('narrows to the conversation context length and flags a full context', () => {
    expect(contextUsage([msg(stats(700, 100))], conversation(1024), 4096)?.level).toBe('high');
    expect(contextUsage([msg(stats(1000, 100))], conversation(1024), 4096)).toMatchObject({
      size: 1024,
      fraction: 1,
      level: 'full',
    });
    expect(contextUsage([msg(stats(10, 10))], conversation(null), 512)?.size).toBe(512);
  });

  it('is null before anything was measured or without a model', () => {
    expect(contextUsage([msg(null)], null, 4096)).toBeNull();
    expect(contextUsage([msg(stats(1, 1))], null, null)).toBeNull();
  });
});

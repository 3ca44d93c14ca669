import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/contract/types';
import { HERMES_DEFAULT_SAMPLING } from '../../../shared/contract/types';
import { cleanDraft } from './Impersonator';
import { assembleParams, needsAssembly, type RoleplaySetup } from './roleplayInput';

const conversation: Conversation = {
  id: 'c1',
  title: 't',
  systemPrompt: 'Be kind.',
  sampling: {},
  createdAt: 0,
  updatedAt: 0,
  activeLeafId: null,
};
const none: RoleplaySetup = {
  presetPost: '',
  preset: null,
  character: null,
  persona: null,
  lorebooks: [],
  warnings: [],
};

describe('roleplay prompt input', () => {
  it('assembles only when something would change the plain prompt', () => {
    expect(needsAssembly(none, conversation)).toBe(false);
    expect(needsAssembly(none, { ...conversation, systemPrompt: 'Today is {{date}}.' })).toBe(true);
    expect(needsAssembly({ ...none, presetPost: 'Stay in character.' }, conversation)).toBe(true);
  });

  it('keeps room for the reply, but never more than a quarter of the context', () => {
    const base = { conversation, history: [], setup: none, now: 0 };
    const sampling = { ...HERMES_DEFAULT_SAMPLING, maxTokens: 750 };
    expect(assembleParams({ ...base, sampling, contextSize: 8192 }).reserveForReply).toBe(750);
    expect(assembleParams({ ...base, sampling, contextSize: 2048 }).reserveForReply).toBe(512);
    const narrowed = { ...sampling, contextLength: 1024 };
    const params = assembleParams({ ...base, sampling: narrowed, contextSize: 8192 });
    expect(params).toMatchObject({ contextSize: 1024, reserveForReply: 256 });
  });

  it('puts the impersonation prompt last instead of the post-history instructions', () => {
    const params = assembleParams({
      conversation,
      history: [],
      setup: { ...none, presetPost: 'Stay in character.' },
      sampling: HERMES_DEFAULT_SAMPLING,
      contextSize: 4096,
      now: 0,
      postHistoryOverride: 'Write as {{user}}.',
    });
    expect(params.preset).toEqual({
      systemPrompt: 'Be kind.',
      postHistoryInstructions: 'Write as {{user}}.',
    });
  });

  it("labels the system prompt with the preset's name while the chat keeps its text", () => {
    const base = {
      conversation,
      history: [],
      sampling: HERMES_DEFAULT_SAMPLING,
      contextSize: 4096,
      now: 0,
    };
    const kind = { name: 'Kind', systemPrompt: 'Be kind.' };
    expect(assembleParams({ ...base, setup: { ...none, preset: kind } }).preset?.name).toBe(
      'System prompt (Kind)',
    );
    const edited = { ...kind, systemPrompt: 'Be terse.' };
    expect(assembleParams({ ...base, setup: { ...none, preset: edited } }).preset?.name).toBe(
      undefined,
    );
  });

  it("drops the speaker's name the model sometimes writes first", () => {
    expect(cleanDraft('  Ada: I open the door.', 'Ada')).toBe('I open the door.');
    expect(cleanDraft('ada:  Hello', 'Ada')).toBe('Hello');
    expect(cleanDraft('Adam: Hi', 'Ada')).toBe('Adam: Hi');
  });
});

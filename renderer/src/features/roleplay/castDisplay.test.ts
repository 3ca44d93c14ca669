import { describe, expect, it } from 'vitest';
import type { ConversationCast } from '../../../../shared/contract/personas';
import { castSummary, speakerFor } from './castDisplay';

const roleplay = {
  conversationId: 'c1',
  presetId: null,
  characterId: 'ch1',
  personaId: null,
  lorebookIds: [],
};

const cast: ConversationCast = {
  roleplay,
  character: { id: 'ch1', name: 'Seraphina', avatar: 'data:image/png;base64,AA' },
  persona: { id: 'p1', name: 'Alex', avatar: null },
};

describe('speakerFor', () => {
  it('shows the character on replies and the persona on the user’s messages', () => {
    expect(speakerFor('assistant', cast)).toEqual({
      name: 'Seraphina',
      avatar: 'data:image/png;base64,AA',
    });
    expect(speakerFor('user', cast)).toEqual({ name: 'Alex', avatar: null });
  });

  it('keeps the plain look without a cast or for the side nobody plays', () => {
    expect(speakerFor('assistant', null)).toBeNull();
    expect(speakerFor('assistant', { ...cast, character: null })).toBeNull();
    expect(speakerFor('user', { ...cast, persona: null })).toBeNull();
    expect(speakerFor('tool', cast)).toBeNull();
    expect(speakerFor('system', cast)).toBeNull();
  });

  it('never shows a blank name', () => {
    const blank = { ...cast, persona: { id: 'p', name: '  ', avatar: null } };
    expect(speakerFor('user', blank)?.name).toBe('User');
  });
});

describe('castSummary', () => {
  it('names who the chat is with and who the user is', () => {
    expect(castSummary(cast)).toEqual({ character: 'Seraphina', persona: 'Alex' });
    expect(castSummary(null)).toEqual({ character: 'No character', persona: 'User' });
  });
});

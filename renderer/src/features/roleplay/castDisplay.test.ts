import { describe, expect, it } from 'vitest';
import type { ConversationCast } from '../../../../shared/contract/personas';
import { avatarHue, castSummary, initials, speakerFor } from './castDisplay';

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

describe('initials and colour', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Seraphina')).toBe('S');
    expect(initials('ada lovelace')).toBe('AL');
    expect(initials('Jean-Luc  Picard')).toBe('JP');
    expect(initials('  ')).toBe('?');
    expect(initials('Ægir the Old')).toBe('ÆO');
    expect(initials('"Doc" Brown')).toBe('DB');
  });

  it('gives the same name the same hue', () => {
    expect(avatarHue('Alex')).toBe(avatarHue('Alex'));
    expect(avatarHue('Alex')).not.toBe(avatarHue('Seraphina'));
    expect(avatarHue('Seraphina')).toBeGreaterThanOrEqual(0);
    expect(avatarHue('Seraphina')).toBeLessThan(360);
  });
});

describe('castSummary', () => {
  it('names who the chat is with and who the user is', () => {
    expect(castSummary(cast)).toEqual({ character: 'Seraphina', persona: 'Alex' });
    expect(castSummary(null)).toEqual({ character: 'No character', persona: 'User' });
  });
});

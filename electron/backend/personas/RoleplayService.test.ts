import { describe, expect, it } from 'vitest';
import { BranchRepository } from '../store/BranchRepository';
import { seraphinaBase64, threeGreetingCard, usePersonaServices } from './testSupport';

describe('RoleplayService', () => {
  const fx = usePersonaServices();

  it('starts a chat with every greeting as a swipe of the first message', () => {
    const { services, store, events } = fx();
    const mira = services.characters.save(undefined, threeGreetingCard());
    const ada = services.personas.save(undefined, { name: 'Ada', description: 'A traveller.' });
    services.personas.setDefault(ada.id);

    const { conversation, messages } = services.roleplay.startChat({ characterId: mira.id });
    expect(conversation.title).toBe('Mira');
    // One shown message: the first greeting, with {{user}} and {{char}} filled in.
    expect(messages.map((m) => m.content)).toEqual(['Hello, Ada! I am Mira.']);
    expect(messages[0]).toMatchObject({
      role: 'assistant',
      parentId: null,
      status: 'complete',
      model: null,
    });
    expect(conversation.activeLeafId).toBe(messages[0]?.id);

    // The blank alternate greeting is left out; the others are siblings at the root.
    const roots = store.messages.roots(conversation.id);
    expect(roots.map((m) => m.content)).toEqual([
      'Hello, Ada! I am Mira.',
      'Ahoy, Ada.',
      'The lamp is lit, Ada.',
    ]);
    const branches = new BranchRepository(store.db).groups(conversation.id);
    expect(branches).toEqual([{ parentId: null, messageIds: roots.map((m) => m.id) }]);

    expect(services.roleplay.cast(conversation.id)).toEqual({
      roleplay: {
        conversationId: conversation.id,
        presetId: null,
        characterId: mira.id,
        personaId: ada.id,
        lorebookIds: [],
      },
      character: { id: mira.id, name: 'Mira', avatar: null },
      persona: { id: ada.id, name: 'Ada', avatar: null },
    });
    expect(events).toContainEqual({
      name: 'conversations.changed',
      data: { id: conversation.id },
    });
  });

  it('uses the given persona and preset, else the defaults, and "User" without a persona', () => {
    const { services } = fx();
    const seraphina = services.characters.importCard(seraphinaBase64()).character;
    const noPersona = services.roleplay.startChat({ characterId: seraphina.id });
    expect(noPersona.messages).toHaveLength(1);
    expect(noPersona.conversation.systemPrompt).toBe('');
    expect(services.roleplay.cast(noPersona.conversation.id).persona).toBeNull();

    const mira = services.characters.save(undefined, threeGreetingCard());
    const bo = services.personas.save(undefined, { name: 'Bo' });
    services.presets.setDefault(undefined, 'builtin:roleplay-narrator');
    const byDefault = services.roleplay.startChat({ characterId: mira.id, personaId: bo.id });
    expect(byDefault.messages[0]?.content).toBe('Hello, Bo! I am Mira.');
    expect(byDefault.conversation.systemPrompt).toMatch(/^You are \{\{char\}\} in a never-ending/);
    const explicit = services.roleplay.startChat({
      characterId: mira.id,
      presetId: 'builtin:hermes3',
    });
    expect(explicit.conversation.systemPrompt).toMatch(/^You are Hermes 3/);
    expect(explicit.messages[0]?.content).toBe('Hello, User! I am Mira.');
    const none = services.roleplay.startChat({ characterId: mira.id, presetId: null });
    expect(none.conversation.systemPrompt).toBe('');
  });

  it('starts an empty chat for a card without greetings', () => {
    const { services, store } = fx();
    const card = threeGreetingCard();
    const data = card['data'] as Record<string, unknown>;
    data['first_mes'] = '';
    data['alternate_greetings'] = [];
    const quiet = services.characters.save(undefined, card);
    const { conversation, messages } = services.roleplay.startChat({ characterId: quiet.id });
    expect(messages).toEqual([]);
    expect(conversation.activeLeafId).toBeNull();
    expect(store.messages.roots(conversation.id)).toEqual([]);
  });

  it('copies a chosen preset system prompt into the conversation', () => {
    const { services, store } = fx();
    const conversation = store.conversations.create({ systemPrompt: 'old prompt' });
    const custom = services.presets.save(undefined, {
      name: 'Pirate',
      systemPrompt: 'Talk like a pirate, {{user}}.',
    });
    const cast = services.roleplay.set({ conversationId: conversation.id, presetId: custom.id });
    expect(cast.roleplay.presetId).toBe(custom.id);
    expect(store.conversations.get(conversation.id)?.systemPrompt).toBe(
      'Talk like a pirate, {{user}}.',
    );
    // Clearing the preset keeps whatever the conversation's prompt now is.
    services.roleplay.set({ conversationId: conversation.id, presetId: null });
    expect(store.conversations.get(conversation.id)?.systemPrompt).toBe(
      'Talk like a pirate, {{user}}.',
    );
    expect(services.roleplay.cast(conversation.id).roleplay.presetId).toBeNull();
  });

  it('changes only the fields given and refuses unknown ids', () => {
    const { services, store } = fx();
    const conversation = store.conversations.create({});
    const mira = services.characters.save(undefined, threeGreetingCard());
    const book = services.lorebooks.save(undefined, 'Sea', { entries: [] });
    services.roleplay.set({ conversationId: conversation.id, characterId: mira.id });
    const cast = services.roleplay.set({
      conversationId: conversation.id,
      lorebookIds: [book.id, book.id],
    });
    expect(cast.roleplay).toMatchObject({ characterId: mira.id, lorebookIds: [book.id] });

    for (const patch of [
      { presetId: 'nope' },
      { presetId: 'builtin:nope' },
      { characterId: 'nope' },
      { personaId: 'nope' },
      { lorebookIds: [book.id, 'nope'] },
    ]) {
      expect(() => services.roleplay.set({ conversationId: conversation.id, ...patch })).toThrow(
        expect.objectContaining({ code: 'NOT_FOUND' }),
      );
    }
    expect(() => services.roleplay.cast('missing')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(services.roleplay.cast(conversation.id).roleplay).toMatchObject({
      characterId: mira.id,
      lorebookIds: [book.id],
    });
  });

  it('keeps conversations readable after their character, persona and books are deleted', () => {
    const { services, store } = fx();
    const mira = services.characters.save(undefined, threeGreetingCard());
    const ada = services.personas.save(undefined, { name: 'Ada' });
    const book = services.lorebooks.save(undefined, 'Sea', { entries: [] });
    const { conversation } = services.roleplay.startChat({
      characterId: mira.id,
      personaId: ada.id,
    });
    services.roleplay.set({ conversationId: conversation.id, lorebookIds: [book.id] });

    services.characters.delete(mira.id);
    services.personas.delete(ada.id);
    services.lorebooks.delete(book.id);

    const cast = services.roleplay.cast(conversation.id);
    expect(cast.character).toBeNull();
    expect(cast.persona).toBeNull();
    expect(cast.roleplay).toMatchObject({ characterId: null, personaId: null, lorebookIds: [] });
    expect(store.messages.activePath(conversation.id).map((m) => m.content)).toEqual([
      'Hello, Ada! I am Mira.',
    ]);
    const resolved = services.roleplay.resolve(conversation.id);
    expect(resolved).toMatchObject({ character: null, persona: null, lorebooks: [] });
    expect(services.roleplay.settings(conversation.id)).toEqual(cast.roleplay);
  });

  it('resolves everything a conversation uses, falling back to the default persona', () => {
    const { services } = fx();
    const mira = services.characters.save(undefined, threeGreetingCard());
    const ada = services.personas.save(undefined, { name: 'Ada' });
    const book = services.lorebooks.save(undefined, 'Sea', {
      entries: [{ keys: ['storm'], content: 'Storms are wild.' }],
    });
    const { conversation } = services.roleplay.startChat({
      characterId: mira.id,
      presetId: 'builtin:hermes3',
    });
    services.roleplay.set({ conversationId: conversation.id, lorebookIds: [book.id] });
    services.personas.setDefault(ada.id);

    const resolved = services.roleplay.resolve(conversation.id);
    expect(resolved.preset?.id).toBe('builtin:hermes3');
    expect(resolved.character?.card.data.name).toBe('Mira');
    expect(resolved.persona?.name).toBe('Ada');
    expect(resolved.lorebooks.map((b) => b.book.entries[0]?.content)).toEqual(['Storms are wild.']);
  });
});

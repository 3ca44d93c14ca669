import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeCharacterCard } from '../../../shared/cards';
import type { PromptAssemblyRecord } from '../../../shared/contract/personas';
import { Store } from './Store';
import { steppingClock, useTempDir } from './testSupport';

const card = (name: string, extra: Record<string, unknown> = {}) =>
  normalizeCharacterCard({
    spec: 'chara_card_v2',
    data: {
      name,
      first_mes: 'Hi',
      alternate_greetings: ['Hey', ' '],
      description: 'A description that is long enough.\n\nWith lines.',
      tags: ['a', ' b ', 'a', ''],
      creator: ' Someone ',
      ...extra,
    },
  }).card;

const assembly: PromptAssemblyRecord = {
  sections: [],
  tokens: { total: 12, budget: 100, fits: true },
  droppedMessageIds: [],
  warnings: ['a warning'],
};

describe('persona repositories', () => {
  const tempDir = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = new Store({ file: path.join(tempDir(), 'talaria.db'), now: steppingClock() });
  });
  afterEach(() => store.close());

  it('stores presets', () => {
    const made = store.presets.insert({ name: ' B ', systemPrompt: 'sys' });
    store.presets.insert({ name: 'a', systemPrompt: 'other', postHistoryInstructions: 'ph' });
    expect(made).toMatchObject({ name: 'B', description: '', postHistoryInstructions: '' });
    expect(store.presets.list().map((p) => p.name)).toEqual(['a', 'B']);
    const updated = store.presets.update(made.id, { name: 'B2', systemPrompt: 'new' });
    expect(updated).toMatchObject({ name: 'B2', systemPrompt: 'new', createdAt: made.createdAt });
    expect(updated.updatedAt).toBeGreaterThan(made.updatedAt);
    expect(store.presets.delete(made.id)).toBe(true);
    expect(store.presets.get(made.id)).toBeNull();
    expect(() => store.presets.update(made.id, { name: 'x', systemPrompt: '' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('stores characters with gallery summaries computed from the card', () => {
    const zed = store.characters.insert({
      card: card('Zed', { x_unknown: { kept: 1 } }),
      avatar: null,
    });
    store.characters.insert({
      card: card('amy', { creator_notes: 'Notes first.' }),
      avatar: 'data:image/png;base64,AA==',
    });
    expect(store.characters.get(zed.id)?.card.data['x_unknown']).toEqual({ kept: 1 });
    const [amy, z] = store.characters.list();
    expect(amy).toMatchObject({
      name: 'amy',
      blurb: 'Notes first.',
      avatar: 'data:image/png;base64,AA==',
    });
    expect(z).toMatchObject({
      name: 'Zed',
      tags: ['a', 'b'],
      creator: 'Someone',
      blurb: 'A description that is long enough. With lines.',
      greetingCount: 2,
      loreEntryCount: 0,
    });
    const updated = store.characters.update(zed.id, {
      card: card('Zed', { character_book: { entries: [{ keys: ['k'], content: 'c' }] } }),
      avatar: null,
    });
    expect(updated.card.data.character_book?.entries).toHaveLength(1);
    expect(store.characters.list()[1]?.loreEntryCount).toBe(1);
    expect(store.characters.speaker(zed.id)).toEqual({ id: zed.id, name: 'Zed', avatar: null });
    expect(store.characters.delete(zed.id)).toBe(true);
    expect(store.characters.get(zed.id)).toBeNull();
    expect(store.characters.count()).toBe(1);
  });

  it('stores personas and lorebooks', () => {
    const ada = store.personas.insert({ name: 'Ada', description: 'd', avatar: null });
    expect(
      store.personas.update(ada.id, { name: 'Ada 2', description: '', avatar: null }).name,
    ).toBe('Ada 2');
    expect(store.personas.list()).toHaveLength(1);
    const book = store.lorebooks.insert({
      name: 'Sea',
      book: { description: 'Ships', extensions: {}, entries: [] },
    });
    expect(store.lorebooks.list()).toEqual([
      { id: book.id, name: 'Sea', description: 'Ships', entryCount: 0, updatedAt: book.updatedAt },
    ]);
    expect(store.lorebooks.exists(book.id)).toBe(true);
    expect(store.lorebooks.delete(book.id)).toBe(true);
    expect(store.lorebooks.exists(book.id)).toBe(false);
  });

  it('keeps roleplay settings per conversation, removed with the conversation', () => {
    const c = store.conversations.create({});
    expect(store.roleplay.get(c.id)).toEqual({
      conversationId: c.id,
      presetId: null,
      characterId: null,
      personaId: null,
      lorebookIds: [],
    });
    store.roleplay.set(c.id, { characterId: 'char-1', lorebookIds: ['b', 'a', 'b'] });
    expect(store.roleplay.set(c.id, { presetId: 'builtin:hermes3' })).toEqual({
      conversationId: c.id,
      presetId: 'builtin:hermes3',
      characterId: 'char-1',
      personaId: null,
      lorebookIds: ['b', 'a'],
    });
    store.roleplay.set(c.id, { characterId: null });
    expect(store.roleplay.get(c.id).characterId).toBeNull();
    expect(() => store.roleplay.set('missing', { presetId: null })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    store.conversations.delete(c.id);
    const left = store.db.prepare('SELECT COUNT(*) AS n FROM conversation_roleplay').get();
    expect(left).toEqual({ n: 0 });
  });

  it('copies roleplay settings with duplicate and fork', () => {
    const c = store.conversations.create({ title: 'Chat' });
    const m = store.messages.insert({
      conversationId: c.id,
      parentId: null,
      role: 'assistant',
      content: 'Greeting',
      status: 'complete',
    });
    store.roleplay.set(c.id, { characterId: 'char-1', personaId: 'p', lorebookIds: ['b'] });
    const copy = store.conversations.duplicate(c.id);
    const fork = store.conversations.fork(m.id);
    for (const id of [copy.id, fork.id]) {
      expect(store.roleplay.get(id)).toMatchObject({
        characterId: 'char-1',
        personaId: 'p',
        lorebookIds: ['b'],
      });
    }
    // A conversation without roleplay settings copies to one without them.
    const plain = store.conversations.create({});
    expect(store.roleplay.get(store.conversations.duplicate(plain.id).id).characterId).toBeNull();
  });

  it('keeps the prompt assembly of a message until the message is deleted', () => {
    const c = store.conversations.create({});
    const m = store.messages.insert({
      conversationId: c.id,
      parentId: null,
      role: 'assistant',
      content: 'x',
      status: 'complete',
    });
    expect(store.assemblies.get(m.id)).toBeNull();
    store.assemblies.set(m.id, assembly);
    store.assemblies.set(m.id, { ...assembly, warnings: [] });
    expect(store.assemblies.get(m.id)).toEqual({ ...assembly, warnings: [] });
    expect(() => store.assemblies.set('missing', assembly)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    store.messages.delete(m.id);
    expect(store.assemblies.get(m.id)).toBeNull();
  });
});

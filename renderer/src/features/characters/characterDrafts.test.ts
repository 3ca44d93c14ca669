import { describe, expect, it } from 'vitest';
import type { CharacterCardV3 } from '../../../../shared/cards';
import type { TalariaClient } from '../../../../shared/contract/client';
import { TalariaError } from '../../../../shared/contract/errors';
import type { Character } from '../../../../shared/contract/personas';
import { emptyCard } from './cardForm';
import { createCharacterDraftsStore, NEW_CHARACTER } from './characterDrafts';

/** A stand-in for the backend's character methods, keeping cards in a map. */
function fakeBackend() {
  const saved = new Map<string, Character>();
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  let next = 1;
  let failNextSave: TalariaError | null = null;
  const client = {
    async request(method: string, params: Record<string, unknown>) {
      calls.push({ method, params });
      if (method === 'characters.get') {
        const found = saved.get(params.id as string);
        if (!found) throw new TalariaError('NOT_FOUND', 'That character does not exist any more.');
        return found;
      }
      if (method === 'characters.save') {
        if (failNextSave) {
          const error = failNextSave;
          failNextSave = null;
          throw error;
        }
        const id = (params.id as string | undefined) ?? `c${next++}`;
        const old = saved.get(id);
        const character: Character = {
          id,
          card: params.card as CharacterCardV3,
          avatar: 'avatar' in params ? (params.avatar as string | null) : (old?.avatar ?? null),
          createdAt: old?.createdAt ?? 1,
          updatedAt: 2,
        };
        saved.set(id, character);
        return character;
      }
      throw new Error(`unexpected ${method}`);
    },
  } as unknown as TalariaClient;
  return { client, saved, calls, failSave: (e: TalariaError) => (failNextSave = e) };
}

describe('character drafts', () => {
  it('asks for a name before a new character is saved, then saves it under its id', async () => {
    const backend = fakeBackend();
    const store = createCharacterDraftsStore(backend.client);
    await store.getState().open(NEW_CHARACTER);
    expect(await store.getState().save(NEW_CHARACTER)).toBeNull();
    expect(store.getState().drafts[NEW_CHARACTER]?.problems.name).toMatch(/name/);
    expect(backend.calls).toHaveLength(0);

    store.getState().edit(NEW_CHARACTER, { name: 'Aria', firstMessage: 'Hi.' });
    expect(store.getState().drafts[NEW_CHARACTER]?.problems).toEqual({});
    expect(store.getState().drafts[NEW_CHARACTER]?.dirty).toBe(true);
    const saved = await store.getState().save(NEW_CHARACTER);
    expect(saved?.card.data).toMatchObject({ name: 'Aria', first_mes: 'Hi.' });
    expect(store.getState().drafts[NEW_CHARACTER]).toBeUndefined();
    expect(store.getState().drafts[saved?.id ?? '']?.dirty).toBe(false);
  });

  it('is dirty only while the form differs from what was saved', async () => {
    const backend = fakeBackend();
    const card = emptyCard();
    card.data.name = 'Seraphina';
    backend.saved.set('s', { id: 's', card, avatar: null, createdAt: 1, updatedAt: 1 });
    const store = createCharacterDraftsStore(backend.client);
    await store.getState().open('s');
    store.getState().edit('s', { scenario: 'A glade.' });
    expect(store.getState().drafts.s?.dirty).toBe(true);
    store.getState().edit('s', { scenario: '' });
    expect(store.getState().drafts.s?.dirty).toBe(false);
    store.getState().setAvatar('s', null);
    expect(store.getState().drafts.s?.dirty).toBe(true);
  });

  it('sends the avatar only when it was changed in the editor', async () => {
    const backend = fakeBackend();
    const card = emptyCard();
    card.data.name = 'Seraphina';
    backend.saved.set('s', {
      id: 's',
      card,
      avatar: 'data:image/png;base64,AA==',
      createdAt: 1,
      updatedAt: 1,
    });
    const store = createCharacterDraftsStore(backend.client);
    await store.getState().open('s');
    store.getState().edit('s', { creator: 'me' });
    await store.getState().save('s');
    expect('avatar' in (backend.calls.at(-1)?.params ?? {})).toBe(false);
    store.getState().setAvatar('s', null);
    await store.getState().save('s');
    expect(backend.calls.at(-1)?.params.avatar).toBeNull();
  });

  it('shows a backend validation error next to the field it names, keeping the edits', async () => {
    const backend = fakeBackend();
    const store = createCharacterDraftsStore(backend.client);
    await store.getState().open(NEW_CHARACTER);
    store.getState().edit(NEW_CHARACTER, { name: 'Aria', firstMessage: 'x' });
    backend.failSave(
      new TalariaError('INVALID_INPUT', 'Invalid character card: data.first_mes must be a string.'),
    );
    expect(await store.getState().save(NEW_CHARACTER)).toBeNull();
    const draft = store.getState().drafts[NEW_CHARACTER];
    expect(draft?.problems.firstMessage).toMatch(/first_mes/);
    expect(draft?.error?.code).toBe('INVALID_INPUT');
    expect(draft?.form.name).toBe('Aria');
    expect(draft?.saving).toBe(false);
    store.getState().edit(NEW_CHARACTER, { firstMessage: 'Hello.' });
    expect(store.getState().drafts[NEW_CHARACTER]?.problems.firstMessage).toBeUndefined();
  });

  it('reports a character that is gone and reloads clean drafts when told of a change', async () => {
    const backend = fakeBackend();
    const store = createCharacterDraftsStore(backend.client);
    await store.getState().open('missing');
    expect(store.getState().drafts.missing).toMatchObject({ loaded: false, loading: false });
    expect(store.getState().drafts.missing?.error?.code).toBe('NOT_FOUND');

    const card = emptyCard();
    card.data.name = 'Old';
    backend.saved.set('s', { id: 's', card, avatar: null, createdAt: 1, updatedAt: 1 });
    await store.getState().open('s');
    const renamed = emptyCard();
    renamed.data.name = 'New';
    backend.saved.set('s', { id: 's', card: renamed, avatar: null, createdAt: 1, updatedAt: 3 });
    await store.getState().changed('s');
    expect(store.getState().drafts.s?.form.name).toBe('New');
    store.getState().edit('s', { creator: 'typing' });
    backend.saved.set('s', { id: 's', card, avatar: null, createdAt: 1, updatedAt: 4 });
    await store.getState().changed('s');
    expect(store.getState().drafts.s?.form).toMatchObject({ name: 'New', creator: 'typing' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, encodeUtf8 } from '../../../shared/cards/bytes';
import { normalizeCharacterCard, readCharacterCardWithWarnings } from '../../../shared/cards';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';
import { seraphinaBase64, threeGreetingCard } from '../personas/testSupport';

/** Presets, characters, personas, lorebooks and roleplay over the real RPC and store. */
describe('persona API on the real backend', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('memory');
  });
  afterAll(async () => h?.close({ removeData: true }));

  it('imports Seraphina, lists, exports and re-imports her', async () => {
    const changed = nextEvent(h.client, 'personas.changed', (e) => e.kind === 'character');
    const { character, warnings } = await h.client.request('characters.import', {
      fileName: 'seraphina.png',
      data: seraphinaBase64(),
    });
    expect(warnings).toEqual([]);
    expect(await changed).toEqual({ kind: 'character', id: character.id });

    const { characters } = await h.client.request('characters.list', { query: 'seraph' });
    expect(characters.map((c) => c.name)).toEqual(['Seraphina']);
    expect(characters[0]?.avatar).toMatch(/^data:image\/png;base64,/);

    const got = await h.client.request('characters.get', { id: character.id });
    expect(got.card.spec).toBe('chara_card_v3');
    expect(got.card.data.character_book?.entries.length).toBeGreaterThan(0);

    const png = await h.client.request('characters.export', { id: character.id, format: 'png' });
    const back = await h.client.request('characters.import', {
      fileName: png.fileName,
      data: png.data,
    });
    expect(back.character.card).toEqual(got.card);
    const json = await h.client.request('characters.export', { id: character.id, format: 'json' });
    expect(readCharacterCardWithWarnings(decodeBase64(json.data, 'json')).card).toEqual(got.card);
  });

  it('answers malformed cards with INVALID_INPUT and stores nothing', async () => {
    const before = await h.client.request('characters.list', {});
    const bad = [
      encodeBase64(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])),
      encodeBase64(encodeUtf8('{"spec":"chara_card_v2","data":{"name":"X","first_mes":[1]}}')),
    ];
    for (const data of bad) {
      await expect(
        h.client.request('characters.import', { fileName: 'bad.png', data }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    // The schema refuses an avatar that is not an image data URL before the service sees it.
    await expect(
      h.client.request('characters.import', {
        fileName: 'x.png',
        data: seraphinaBase64(),
        avatar: 'https://example.com/a.png',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await h.client.request('characters.list', {})).toEqual(before);
  });

  it('starts a character chat with swipeable greetings and the default persona', async () => {
    const mira = await h.client.request('characters.save', {
      card: normalizeCharacterCard(threeGreetingCard()).card,
    });
    const ada = await h.client.request('personas.save', { persona: { name: 'Ada' } });
    const { personas } = await h.client.request('personas.setDefault', { id: ada.id });
    expect(personas.find((p) => p.id === ada.id)?.isDefault).toBe(true);

    const changed = nextEvent(h.client, 'conversations.changed');
    const { conversation, messages } = await h.client.request('characters.startChat', {
      characterId: mira.id,
    });
    expect((await changed).id).toBe(conversation.id);
    expect(conversation.title).toBe('Mira');
    expect(messages.map((m) => m.content)).toEqual(['Hello, Ada! I am Mira.']);

    const { branches } = await h.client.request('conversations.branches', { id: conversation.id });
    expect(branches).toHaveLength(1);
    expect(branches[0]?.parentId).toBeNull();
    expect(branches[0]?.messageIds).toHaveLength(3);
    expect(branches[0]?.messageIds[0]).toBe(messages[0]?.id);
    const second = await h.client.request('messages.reveal', {
      messageId: branches[0]!.messageIds[1]!,
    });
    expect(second.messages.map((m) => m.content)).toEqual(['Ahoy, Ada.']);

    const cast = await h.client.request('roleplay.get', { conversationId: conversation.id });
    expect(cast.character).toEqual({ id: mira.id, name: 'Mira', avatar: null });
    expect(cast.persona).toEqual({ id: ada.id, name: 'Ada', avatar: null });

    // Choosing a preset copies its system prompt into the conversation.
    await h.client.request('roleplay.set', {
      conversationId: conversation.id,
      presetId: 'builtin:hermes3',
    });
    const { conversation: after } = await h.client.request('conversations.get', {
      id: conversation.id,
    });
    expect(after.systemPrompt).toMatch(/^You are Hermes 3/);

    // Deleting the character leaves the chat readable, without a character.
    await h.client.request('characters.delete', { id: mira.id });
    const orphan = await h.client.request('roleplay.get', { conversationId: conversation.id });
    expect(orphan.character).toBeNull();
    expect(orphan.roleplay.characterId).toBeNull();
    const view = await h.client.request('conversations.get', { id: conversation.id });
    expect(view.messages.map((m) => m.content)).toEqual(['Ahoy, Ada.']);

    await expect(
      h.client.request('roleplay.set', { conversationId: conversation.id, characterId: mira.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('manages presets, with read-only built-ins and file round trips', async () => {
    const { presets } = await h.client.request('presets.list', {});
    expect(presets.filter((p) => p.builtin).map((p) => p.id)).toContain('builtin:hermes3');
    await expect(
      h.client.request('presets.delete', { id: 'builtin:hermes3' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/built-in/) });

    const copy = await h.client.request('presets.duplicate', { id: 'builtin:hermes3' });
    const file = await h.client.request('presets.export', { ids: [copy.id] });
    const text = new TextDecoder().decode(decodeBase64(file.data, 'file'));
    const { presets: imported } = await h.client.request('presets.import', { text });
    expect(imported[0]).toMatchObject({ name: 'Hermes 3 (copy)', builtin: false });
    await expect(h.client.request('presets.import', { text: '{"oops": 1}' })).rejects.toMatchObject(
      { code: 'INVALID_INPUT', message: expect.stringMatching(/not a preset file/) },
    );

    await h.client.request('presets.setDefault', { presetId: copy.id });
    const model = await h.client.request('presets.getDefault', { modelId: 'some/model.gguf' });
    expect(model).toEqual({ presetId: copy.id, inherited: true });
    await h.client.request('presets.delete', { id: copy.id });
    expect((await h.client.request('presets.getDefault', {})).presetId).toBeNull();
  });

  it('imports, edits and exports lorebooks', async () => {
    const worldInfo = {
      entries: {
        '0': { uid: 0, key: ['moon'], content: 'Silver.', order: 5, position: 0, disable: false },
      },
    };
    const { lorebook } = await h.client.request('lorebooks.import', {
      fileName: 'Moon.json',
      text: JSON.stringify(worldInfo),
    });
    expect(lorebook.name).toBe('Moon');
    expect(lorebook.book.entries[0]).toMatchObject({ keys: ['moon'], position: 'before_char' });
    const saved = await h.client.request('lorebooks.save', {
      id: lorebook.id,
      name: 'Moon lore',
      book: { ...lorebook.book, description: 'Sky things' },
    });
    expect(saved.name).toBe('Moon lore');
    const { lorebooks } = await h.client.request('lorebooks.list', {});
    expect(lorebooks).toContainEqual(
      expect.objectContaining({ id: lorebook.id, description: 'Sky things', entryCount: 1 }),
    );
    const file = await h.client.request('lorebooks.export', { id: lorebook.id });
    expect(file.fileName).toBe('Moon lore.json');
    const exported = JSON.parse(new TextDecoder().decode(decodeBase64(file.data, 'f'))) as {
      entries: Record<string, { key: string[] }>;
    };
    expect(exported.entries['0']?.key).toEqual(['moon']);
    await h.client.request('lorebooks.delete', { id: lorebook.id });
    await expect(h.client.request('lorebooks.get', { id: lorebook.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TalariaError } from '../../../shared/contract/errors';
import { DEFAULT_CONVERSATION_TITLE } from './ConversationRepository';
import { Store } from './Store';
import { steppingClock, useTempDir } from './testSupport';

describe('ConversationRepository', () => {
  const tempDir = useTempDir();
  const clock = steppingClock();
  let store: Store;

  beforeEach(() => {
    clock.set(1_000);
    store = new Store({ file: path.join(tempDir(), 'talaria.db'), now: clock });
  });
  afterEach(() => store.close());

  const count = (table: string) =>
    (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  function say(conversationId: string, content: string, parentId: string | null = null) {
    return store.messages.insert({
      conversationId,
      parentId,
      role: 'user',
      content,
      status: 'complete',
    });
  }

  it('creates a conversation with defaults and reads it back', () => {
    const created = store.conversations.create();
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: DEFAULT_CONVERSATION_TITLE,
      systemPrompt: '',
      sampling: {},
      createdAt: 1_000,
      updatedAt: 1_000,
      activeLeafId: null,
    });
    expect(store.conversations.get(created.id)).toEqual(created);
    expect(store.conversations.get('nope')).toBeNull();
  });

  it('stores the title, system prompt and sampling overrides given at creation', () => {
    const created = store.conversations.create({
      title: '  Pirates  ',
      systemPrompt: 'You are a pirate.',
      sampling: { temperature: 0.2, seed: null },
    });
    expect(store.conversations.get(created.id)).toMatchObject({
      title: 'Pirates',
      systemPrompt: 'You are a pirate.',
      sampling: { temperature: 0.2, seed: null },
    });
  });

  it('lists by latest activity: new messages and touch move a conversation up, rename does not', () => {
    const a = store.conversations.create({ title: 'A' });
    const b = store.conversations.create({ title: 'B' });
    const c = store.conversations.create({ title: 'C' });
    expect(store.conversations.list().map((s) => s.title)).toEqual(['C', 'B', 'A']);

    say(a.id, 'hello');
    expect(store.conversations.list().map((s) => s.title)).toEqual(['A', 'C', 'B']);

    store.conversations.touch(b.id);
    expect(store.conversations.list().map((s) => s.title)).toEqual(['B', 'A', 'C']);

    store.conversations.rename(c.id, 'C renamed');
    expect(store.conversations.list().map((s) => s.title)).toEqual(['B', 'A', 'C renamed']);
  });

  it('summarises message count and a one-line preview of the latest message', () => {
    const conv = store.conversations.create();
    expect(store.conversations.list()[0]).toMatchObject({ messageCount: 0, preview: '' });

    const root = say(conv.id, 'first question');
    const long = `line one\n\n   line two ${'x'.repeat(200)}`;
    store.messages.insert({
      conversationId: conv.id,
      parentId: root.id,
      role: 'assistant',
      content: long,
      status: 'complete',
    });
    // A reply that has just started streaming is empty and must not blank the preview.
    store.messages.insert({
      conversationId: conv.id,
      parentId: root.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
    });

    const [summary] = store.conversations.list();
    expect(summary?.messageCount).toBe(3);
    expect(summary?.preview.startsWith('line one line two xxx')).toBe(true);
    expect(summary?.preview.endsWith('…')).toBe(true);
    expect(Array.from(summary?.preview ?? '')).toHaveLength(121);
  });

  it('renames with trimming and rejects empty titles and unknown ids', () => {
    const conv = store.conversations.create();
    expect(store.conversations.rename(conv.id, '  Trip plan ').title).toBe('Trip plan');
    expect(store.conversations.get(conv.id)?.title).toBe('Trip plan');
    expect(() => store.conversations.rename(conv.id, '   ')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => store.conversations.rename('missing', 'x')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('updates the system prompt, sampling and active leaf', () => {
    const conv = store.conversations.create({ sampling: { topK: 40 } });
    const first = say(conv.id, 'one');
    say(conv.id, 'two', first.id);

    const updated = store.conversations.update(conv.id, {
      systemPrompt: 'Be brief.',
      sampling: { temperature: 0 },
      activeLeafId: first.id,
    });
    expect(updated).toMatchObject({
      systemPrompt: 'Be brief.',
      sampling: { temperature: 0 },
      activeLeafId: first.id,
    });
    expect(store.conversations.get(conv.id)).toEqual(updated);

    // Fields left out of the patch stay as they were.
    expect(store.conversations.update(conv.id, {})).toEqual(updated);
    expect(store.conversations.update(conv.id, { activeLeafId: null }).activeLeafId).toBeNull();
  });

  it('refuses an active leaf that belongs to another conversation', () => {
    const mine = store.conversations.create();
    const other = store.conversations.create();
    const foreign = say(other.id, 'not yours');
    let caught: unknown;
    try {
      store.conversations.update(mine.id, { activeLeafId: foreign.id });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TalariaError);
    expect((caught as TalariaError).code).toBe('INVALID_INPUT');
    expect(store.conversations.get(mine.id)?.activeLeafId).toBeNull();
    expect(() => store.conversations.update('missing', {})).toThrow(/does not exist/);
  });

  it('reads corrupt or foreign sampling JSON as safe overrides instead of throwing', () => {
    const bad = store.conversations.create();
    const odd = store.conversations.create();
    const set = store.db.prepare('UPDATE conversations SET sampling_json = ? WHERE id = ?');
    set.run('{not json', bad.id);
    set.run('{"temperature":"hot","topP":0.9,"seed":7,"evil":true}', odd.id);
    expect(store.conversations.get(bad.id)?.sampling).toEqual({});
    expect(store.conversations.get(odd.id)?.sampling).toEqual({ topP: 0.9, seed: 7 });
    expect(store.conversations.list()).toHaveLength(2);
  });

  it('deletes a conversation with its messages and stats, leaving others alone', () => {
    const doomed = store.conversations.create();
    const kept = store.conversations.create();
    const q = say(doomed.id, 'q');
    const a = store.messages.insert({
      conversationId: doomed.id,
      parentId: q.id,
      role: 'assistant',
      content: 'a',
      status: 'streaming',
    });
    store.messages.update(a.id, {
      status: 'complete',
      stats: {
        ttftMs: 5,
        tokensPerSecond: 10,
        promptTokens: 3,
        evaluatedPromptTokens: 3,
        completionTokens: 1,
        durationMs: 100,
        stopReason: 'eos',
      },
    });
    say(kept.id, 'still here');

    expect(store.conversations.delete(doomed.id)).toBe(true);
    expect(store.conversations.get(doomed.id)).toBeNull();
    expect(store.messages.get(q.id)).toBeNull();
    expect(count('messages')).toBe(1);
    expect(count('message_stats')).toBe(0);
    expect(store.conversations.delete(doomed.id)).toBe(false);
  });

  it('deletes a conversation whose message chain is deeper than SQLite trigger recursion', () => {
    const conv = store.conversations.create();
    store.db.transaction(() => {
      let parent: string | null = null;
      for (let i = 0; i < 1500; i++) parent = say(conv.id, `m${i}`, parent).id;
    })();
    expect(count('messages')).toBe(1500);
    expect(store.conversations.delete(conv.id)).toBe(true);
    expect(count('messages')).toBe(0);
  });

  it('touch fails for an unknown conversation', () => {
    expect(() => store.conversations.touch('missing')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

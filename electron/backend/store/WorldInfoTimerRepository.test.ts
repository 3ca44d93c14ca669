import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from './Store';
import { steppingClock, useTempDir } from './testSupport';

describe('WorldInfoTimerRepository', () => {
  const tempDir = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = new Store({ file: path.join(tempDir(), 'talaria.db'), now: steppingClock() });
  });
  afterEach(() => store.close());

  it("keeps each chat's sticky and cooldown timers, and drops them with the chat", () => {
    const chat = store.conversations.create({ title: 'a' });
    const other = store.conversations.create({ title: 'b' });
    const timed = {
      sticky: { 'Eldoria.1': { hash: 'h1', start: 3, end: 5, protected: false } },
      cooldown: { 'Eldoria.2': { hash: 'h2', start: 4, end: 6, protected: true } },
    };
    store.worldInfoTimers.set(chat.id, timed);
    expect(store.worldInfoTimers.get(chat.id)).toEqual(timed);
    expect(store.worldInfoTimers.get(other.id)).toEqual({ sticky: {}, cooldown: {} });
    store.worldInfoTimers.set(chat.id, { sticky: {}, cooldown: timed.cooldown });
    expect(store.worldInfoTimers.get(chat.id).sticky).toEqual({});
    store.conversations.delete(chat.id);
    expect(store.worldInfoTimers.get(chat.id)).toEqual({ sticky: {}, cooldown: {} });
  });
});

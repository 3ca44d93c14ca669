import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from './Store';
import { useTempDir } from './testSupport';

describe('SettingsRepository', () => {
  const tempDir = useTempDir();
  const file = () => path.join(tempDir(), 'talaria.db');
  let store: Store;

  beforeEach(() => {
    store = new Store({ file: file() });
  });
  afterEach(() => store.close());

  it('round-trips JSON values of every kind and lists them all', () => {
    const values = {
      'ui.theme': 'dark',
      'engine.threads': 2,
      'chat.showStats': false,
      'models.folders': ['/models', '/more models'],
      'sampling.defaults': { temperature: 0.8, seed: null },
      'last.model': null,
    };
    for (const [key, value] of Object.entries(values)) store.settings.set(key, value);

    expect(store.settings.get('ui.theme', 'light')).toBe('dark');
    expect(store.settings.get('engine.threads', 4)).toBe(2);
    expect(store.settings.get('chat.showStats', true)).toBe(false);
    expect(store.settings.get('models.folders', [] as string[])).toEqual([
      '/models',
      '/more models',
    ]);
    expect(store.settings.get('sampling.defaults', {})).toEqual({ temperature: 0.8, seed: null });
    expect(store.settings.get<string | null>('last.model', 'x')).toBeNull();
    expect(store.settings.all()).toEqual(values);
  });

  it('returns the fallback for missing keys and overwrites existing ones', () => {
    expect(store.settings.get('missing', 42)).toBe(42);
    store.settings.set('k', 1);
    store.settings.set('k', 2);
    expect(store.settings.get('k', 0)).toBe(2);
    store.settings.set('k', undefined);
    expect(store.settings.get('k', 0)).toBe(0);
    expect(store.settings.all()).toEqual({});
  });

  it('falls back on corrupt JSON or a value of the wrong kind instead of throwing', () => {
    const raw = store.db.prepare(
      'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, 0)',
    );
    raw.run('broken', '{oops');
    raw.run('threads', '"two"');
    raw.run('folders', '{"a":1}');
    expect(store.settings.get('broken', 'safe')).toBe('safe');
    expect(store.settings.get('threads', 2)).toBe(2);
    expect(store.settings.get('folders', [] as string[])).toEqual([]);
    expect(store.settings.all()).toEqual({ threads: 'two', folders: { a: 1 } });
  });

  it('rejects values JSON cannot hold', () => {
    expect(() => store.settings.set('big', 10n)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => store.settings.set('fn', () => 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(store.settings.all()).toEqual({});
  });

  it('keeps settings across a restart', () => {
    store.settings.set('ui.fontSize', 15);
    store.close();
    store = new Store({ file: file() });
    expect(store.settings.get('ui.fontSize', 13)).toBe(15);
  });
});

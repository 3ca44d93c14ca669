import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLlamaServer,
  type RunningLlamaServer,
} from '../../../scripts/testing/llamaServerProcess';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import type { SecretStore } from '../models/HubTokens';
import { Store } from '../store';
import { EngineRegistry } from './EngineRegistry';

const KEY = 'sk-desktop-secret-0123456789';

/** The desktop app's keychain, in memory: this test is about what the registry does with it. */
class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  unavailableReason(): string | null {
    return null;
  }
  get(key: string): Promise<string | null> {
    return Promise.resolve(this.values.get(key) ?? null);
  }
  set(key: string, value: string | null): Promise<void> {
    if (value === null) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('EngineRegistry in the desktop app', () => {
  let server: RunningLlamaServer;
  let dir = '';

  beforeAll(async () => {
    server = await startLlamaServer({ model: await ensureTinyModel(), apiKey: KEY });
    dir = mkdtempSync(join(tmpdir(), 'talaria-engines-'));
  }, 40 * 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the key in the keychain, never in the database, and forgets it on removal', async () => {
    const file = join(dir, 'talaria.db');
    const store = new Store({ file });
    const secrets = new MemorySecrets();
    const registry = new EngineRegistry({
      settings: store.settings,
      env: {},
      secretStore: secrets,
    });
    const engine = await registry.add({ name: 'gpu', baseUrl: server.baseUrl, apiKey: KEY });
    expect(engine.lastError).toBeNull();
    expect(engine.keySource).toBe('stored');
    expect(engine.capabilities?.kind).toBe('llama.cpp');
    expect(secrets.values.get('engine.gpu.apiKey')).toBe(KEY);
    store.close();
    expect(readFileSync(file).includes(Buffer.from(KEY))).toBe(false);

    const reopened = new Store({ file });
    const again = new EngineRegistry({
      settings: reopened.settings,
      env: {},
      secretStore: secrets,
    });
    expect((await again.test('GPU')).lastError).toBeNull();
    // The same database without the keychain (the headless host) says where the key is.
    const headless = new EngineRegistry({ settings: reopened.settings, env: {} });
    await expect(headless.http('gpu')).rejects.toThrow(/stored in the desktop app's keychain/);
    await again.remove('gpu');
    expect(secrets.values.size).toBe(0);
    expect(again.list()).toEqual([]);
    reopened.close();
  });

  it('refuses names that would not survive a command line and duplicate names', async () => {
    const store = new Store({ file: join(dir, 'names.db') });
    const registry = new EngineRegistry({ settings: store.settings, env: {} });
    await expect(registry.add({ name: 'my box', baseUrl: server.baseUrl })).rejects.toThrow(
      /not a usable engine name/,
    );
    await registry.add({ name: 'box', baseUrl: server.baseUrl, apiKeyEnv: 'NOPE' });
    await expect(registry.add({ name: 'BOX', baseUrl: server.baseUrl })).rejects.toThrow(
      /already exists/,
    );
    store.close();
  });
});

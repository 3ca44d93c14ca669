import { describe, expect, it } from 'vitest';
import { HubTokens, type SecretStore } from './HubTokens';

/** An in-memory store standing in for safeStorage (which needs Electron). */
function memoryStore(reason: string | null = null): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    unavailableReason: () => reason,
    get: async (key) => data.get(key) ?? null,
    set: async (key, value) => {
      if (value === null) data.delete(key);
      else data.set(key, value);
    },
  };
}

describe('HubTokens', () => {
  it('uses HF_TOKEN in the host and refuses to store a token there, naming HF_TOKEN', async () => {
    const tokens = new HubTokens({ endpoint: 'https://huggingface.co', envToken: 'hf_env_token' });
    await tokens.init();
    expect(tokens.current()).toBe('hf_env_token');
    expect(tokens.status()).toMatchObject({ configured: true, source: 'env', canStore: false });
    await expect(tokens.set('hf_other_token')).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('HF_TOKEN'),
    });
  });

  it('stores a token where encryption exists; the stored one wins over HF_TOKEN', async () => {
    const store = memoryStore();
    const tokens = new HubTokens({
      endpoint: 'https://hf.example',
      envToken: 'hf_env_token',
      secretStore: store,
    });
    await tokens.init();
    expect(await tokens.set('  hf_stored_token ')).toMatchObject({
      source: 'stored',
      canStore: true,
    });
    expect(tokens.current()).toBe('hf_stored_token');
    const again = new HubTokens({ endpoint: 'https://hf.example', secretStore: store });
    await again.init();
    expect(again.current()).toBe('hf_stored_token');
    await tokens.set(null);
    expect(tokens.current()).toBe('hf_env_token');
    expect(store.data.size).toBe(0);
  });

  it('refuses plaintext-only storage with the store’s reason, and rejects malformed tokens', async () => {
    const plain = new HubTokens({
      endpoint: 'https://huggingface.co',
      secretStore: memoryStore('No keyring is running'),
    });
    expect(plain.status()).toMatchObject({
      canStore: false,
      storeMessage: 'No keyring is running',
    });
    await expect(plain.set('hf_abcdefgh')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const tokens = new HubTokens({
      endpoint: 'https://huggingface.co',
      secretStore: memoryStore(),
    });
    await expect(tokens.set('hf_abc\r\nX-Evil: 1')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

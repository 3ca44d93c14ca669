import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubTokens } from '../backend/models/HubTokens';
import { createEncryptedSecretStore, type SafeStorageLike } from './encryptedSecretStore';

/** Stands in for the OS keychain: real AES-GCM under a key only this object knows. */
function keychain(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString();
    },
  };
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talaria-secrets-'));
  file = join(dir, 'secrets.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tokensWith = (storage: SafeStorageLike, platform: NodeJS.Platform = 'linux') =>
  new HubTokens({
    endpoint: 'https://huggingface.co',
    envToken: null,
    secretStore: createEncryptedSecretStore(file, storage, platform),
  });

describe('the Hugging Face token in encrypted storage', () => {
  it('is saved encrypted (never as plain text), read back after a restart, and deleted', async () => {
    const storage = keychain();
    const tokens = tokensWith(storage);
    await tokens.init();
    expect(await tokens.set('hf_secret_token_123')).toMatchObject({ configured: true });
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain('hf_secret_token_123');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const restarted = tokensWith(storage);
    await restarted.init();
    expect(restarted.current()).toBe('hf_secret_token_123');
    await restarted.set(null);
    const again = tokensWith(storage);
    await again.init();
    expect(again.current()).toBeNull();
  });

  it("refuses Linux's plain-text fallback and says why, writing nothing", async () => {
    const tokens = tokensWith(keychain('basic_text'));
    await tokens.init();
    expect(tokens.status()).toMatchObject({ canStore: false });
    await expect(tokens.set('hf_secret_token_123')).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('plain text'),
    });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses when the system has no encryption at all', async () => {
    const tokens = tokensWith(keychain('gnome_libsecret', false), 'darwin');
    await tokens.init();
    await expect(tokens.set('hf_x')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });

  it('treats a token encrypted under another keychain as absent instead of failing', async () => {
    const first = tokensWith(keychain());
    await first.init();
    await first.set('hf_secret_token_123');
    const other = tokensWith(keychain());
    await other.init();
    expect(other.current()).toBeNull();
  });
});

import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../backend/createBackend';

/**
 * Secrets encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet) in one
 * JSON file. On Linux without a keyring safeStorage falls back to a hard-coded key
 * ('basic_text'): that is plain text in disguise, so we refuse to store anything there.
 */
export function createSafeSecretStore(file: string): SecretStore {
  const readAll = async (): Promise<Record<string, string>> => {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      return typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, string>)
        : {};
    } catch {
      return {};
    }
  };
  const unavailableReason = (): string | null => {
    if (!safeStorage.isEncryptionAvailable()) {
      return 'This system offers no encrypted storage, so Talaria will not save the token. Set HF_TOKEN in the environment instead.';
    }
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'No keyring (GNOME Keyring or KWallet) is running, so the token could only be saved as plain text. Talaria refuses to do that: start a keyring, or set HF_TOKEN in the environment.';
    }
    return null;
  };
  return {
    unavailableReason,
    async get(key) {
      const encrypted = (await readAll())[key];
      if (encrypted === undefined) return null;
      return safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    },
    async set(key, value) {
      const reason = unavailableReason();
      if (reason !== null) throw new Error(reason);
      const all = await readAll();
      if (value === null) delete all[key];
      else all[key] = safeStorage.encryptString(value).toString('base64');
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, file);
    },
  };
}

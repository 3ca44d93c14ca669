import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../backend/createBackend';

/** The part of Electron's `safeStorage` the secret store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text' means a hard-coded key, i.e. plain text in disguise. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Secrets encrypted with `storage` (Electron's safeStorage: Keychain, DPAPI, libsecret/kwallet)
 * in one JSON file, written atomically with mode 0600. On Linux without a keyring safeStorage
 * falls back to a hard-coded key ('basic_text'): that is plain text in disguise, so nothing is
 * stored there, and the user is told why.
 */
export function createEncryptedSecretStore(
  file: string,
  storage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
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
    if (!storage.isEncryptionAvailable()) {
      return 'This system offers no encrypted storage, so Talaria will not save the token. Set HF_TOKEN in the environment instead.';
    }
    if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'No keyring (GNOME Keyring or KWallet) is running, so the token could only be saved as plain text. Talaria refuses to do that: start a keyring, or set HF_TOKEN in the environment.';
    }
    return null;
  };
  return {
    unavailableReason,
    async get(key) {
      const encrypted = (await readAll())[key];
      if (encrypted === undefined || unavailableReason() !== null) return null;
      try {
        return storage.decryptString(Buffer.from(encrypted, 'base64'));
      } catch {
        // Encrypted under another user or keyring: as good as absent; setting it again fixes it.
        return null;
      }
    },
    async set(key, value) {
      const reason = unavailableReason();
      if (reason !== null) throw new Error(reason);
      const all = await readAll();
      if (value === null) delete all[key];
      else all[key] = storage.encryptString(value).toString('base64');
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, file);
    },
  };
}

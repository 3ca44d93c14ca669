import { safeStorage } from 'electron';
import type { SecretStore } from '../backend/createBackend';
import { createEncryptedSecretStore } from './encryptedSecretStore';

/** Secrets encrypted with Electron's safeStorage; see createEncryptedSecretStore. */
export function createSafeSecretStore(file: string): SecretStore {
  return createEncryptedSecretStore(file, safeStorage);
}

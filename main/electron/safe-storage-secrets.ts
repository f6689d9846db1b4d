import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';
import type { SecretStore } from '../core/sync/secret-store';
import { DeskError } from '../../shared/rpc/envelope';

const OWNER_ONLY = 0o600;

/** Linux without a keyring: safeStorage "encrypts" with a hard-coded password, i.e. plain text. */
const PLAIN_TEXT_BACKEND = 'basic_text';


/**
 * The upstream token encrypted by the OS (DPAPI, Keychain, libsecret/kwallet) in a file only the user
 * may read. Where the platform only offers plain text, storing is refused unless the operator
 * agreed (`allowPlainText`) (docs/packaging.md).
 */
const NO_KEYRING = 'This computer offers no keyring to protect the upstream token; it was not stored. Install a keyring or agree to plain-text storage.';

/** Why a new token cannot be kept here (no keyring, no consent to plain text); null when it can. */
export function secretStorageRefusal(allowPlainText: () => boolean): string | null {
  const plainText =
    !safeStorage.isEncryptionAvailable() || (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === PLAIN_TEXT_BACKEND);
  return plainText && !allowPlainText() ? NO_KEYRING : null;
}

export function createSafeStorageSecretStore(file: string, allowPlainText: () => boolean): SecretStore {
  return {
    read() {
      let encrypted: Buffer;
      try {
        encrypted = readFileSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      if (!safeStorage.isEncryptionAvailable()) return null;
      return safeStorage.decryptString(encrypted);
    },
    write(secret) {
      if (secret === null) {
        rmSync(file, { force: true });
        return;
      }
      const refusal = secretStorageRefusal(allowPlainText);
      if (refusal !== null) throw new DeskError('storage', refusal, undefined, { key: 'noKeyring' });
      const temporary = `${file}.tmp`;
      writeFileSync(temporary, safeStorage.encryptString(secret), { mode: OWNER_ONLY });
      // A leftover temporary file keeps its old mode on overwrite, and a umask may have cut the new one: set it.
      chmodSync(temporary, OWNER_ONLY);
      renameSync(temporary, file);
    },
  };
}

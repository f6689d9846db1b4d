import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Where the upstream token lives: never in the database, never in a log. */
export interface SecretStore {
  read(): string | null;
  /** null removes it. */
  write(secret: string | null): void;
}

/** Owner read/write only: the token file is no one else's business. */
const OWNER_ONLY = 0o600;

/**
 * Web mode's store (and the tests'): a file readable only by the user. Written to a temporary file
 * first and renamed, so a crash never leaves half a token.
 */
export function createFileSecretStore(file: string): SecretStore {
  return {
    read() {
      try {
        const value = readFileSync(file, 'utf8').trim();
        return value === '' ? null : value;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    write(secret) {
      if (secret === null) {
        rmSync(file, { force: true });
        return;
      }
      const temporary = `${file}.tmp`;
      writeFileSync(temporary, secret, { mode: OWNER_ONLY });
      // An existing file keeps its mode on overwrite; set it explicitly.
      chmodSync(temporary, OWNER_ONLY);
      renameSync(temporary, file);
    },
  };
}

/** An in-memory store, for a desk opened without a place to keep secrets. */
export function createMemorySecretStore(): SecretStore {
  let value: string | null = null;
  return {
    read: () => value,
    write: (secret) => {
      value = secret;
    },
  };
}

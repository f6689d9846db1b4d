/**
 * The admin token: a file readable only by the hub's user (docs/hub.md, "Rotate the admin
 * token"). Written once with 256 random bits when missing; read again whenever the file changes,
 * so rotating it is writing a new file, with no restart, in every hub process that reads it.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newToken, secretMatches } from './tokens';

export const ADMIN_TOKEN_FILE_NAME = 'admin-token';
const OWNER_ONLY = 0o600;
/** A token shorter than this is refused: the admin token guards every desk's enrollment. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

export class AdminToken {
  private token = '';
  private stamp = '';

  constructor(readonly file: string) {
    if (!existsFile(file)) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.tmp`;
      writeFileSync(temporary, `${newToken()}\n`, { mode: OWNER_ONLY });
      chmodSync(temporary, OWNER_ONLY);
      renameSync(temporary, file);
    }
    this.reload();
  }

  private reload(): void {
    const stat = statSync(this.file);
    const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (stamp === this.stamp) return;
    if ((stat.mode & 0o077) !== 0) throw new Error(`${this.file}: the admin token file must be readable by its owner only (chmod 600)`);
    const token = readFileSync(this.file, 'utf8').trim();
    if (token.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(token)) {
      throw new Error(`${this.file}: the admin token must be one line of at least ${MIN_ADMIN_TOKEN_LENGTH} characters without spaces`);
    }
    this.token = token;
    this.stamp = stamp;
  }

  matches(presented: string): boolean {
    try {
      this.reload();
    } catch {
      // A half-written or loosened file during a rotation: keep the token read last.
    }
    return secretMatches(presented, this.token);
  }
}

function existsFile(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

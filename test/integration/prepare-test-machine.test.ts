import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_DATABASE_URL, testServerUrl } from '../helpers/test-database';

/**
 * `npm test`'s first step (scripts/prepare-test-machine.mjs): on a prepared machine it only checks;
 * where it may not install or start what is missing, it stops at once with the exact commands.
 * (Installing on a fresh machine is what `.ci/run` shows; these cases run anywhere.)
 */
const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'prepare-test-machine.mjs');
/** `nobody`: a user who may not install packages or start servers. */
const UNPRIVILEGED_UID = 65534;
const asRoot = process.getuid?.() === 0;

function prepare(env: Record<string, string>, options: { unprivileged?: boolean } = {}) {
  const result = spawnSync(process.execPath, [SCRIPT], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    ...(options.unprivileged === true && asRoot ? { uid: UNPRIVILEGED_UID, gid: UNPRIVILEGED_UID } : {}),
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('preparing the test machine', () => {
  it('the tests and the script agree on the default database URL', () => {
    const result = spawnSync(process.execPath, [SCRIPT, '--print-url'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(result.stdout.trim()).toBe(DEFAULT_TEST_DATABASE_URL);
  });

  it('on a prepared machine it checks, changes nothing, and names what the tests will use', () => {
    const result = prepare({ HUB_TEST_DATABASE_URL: testServerUrl(), ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}) });
    expect(result.out).not.toMatch(/installing|starting|creating/);
    expect(result.out).toContain('HUB_TEST_DATABASE_URL');
    expect(result.status).toBe(0);
  });

  it('a database URL elsewhere that does not answer stops the run, naming the variable; it is never changed', () => {
    // A TEST-NET address (RFC 5737): nothing answers there.
    const result = prepare({ HUB_TEST_DATABASE_URL: 'postgres://someone:secret@192.0.2.1:5432/postgres' });
    expect(result.status).toBe(1);
    expect(result.out).toContain('HUB_TEST_DATABASE_URL=postgres://someone:***@192.0.2.1:5432/postgres does not answer');
    expect(result.out).not.toContain('secret');
  });

  it('a CHROMIUM_PATH with nothing there stops the run, naming it', () => {
    const result = prepare({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(result.status).toBe(1);
    expect(result.out).toContain('CHROMIUM_PATH is /nonexistent/chromium, and no executable is there');
  });

  it('as a user who may not make the role, it stops at once with the exact command', () => {
    // A role nobody has made: the local server answers, but not to it.
    const url = 'postgres://desk_test_absent:pw@127.0.0.1:5432/postgres';
    const result = prepare({ HUB_TEST_DATABASE_URL: url }, { unprivileged: true });
    expect(result.status).toBe(1);
    expect(result.out).toContain(`runuser -u postgres -- psql -p 5432 -c "CREATE ROLE \\"desk_test_absent\\" LOGIN SUPERUSER PASSWORD 'pw'"`);
  });
});

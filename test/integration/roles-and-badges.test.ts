import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/core/desk-core';
import { openDatabase } from '../../main/db/open-database';
import { MIGRATIONS } from '../../main/db/migrations';
import { makeTempDir } from '../helpers/temp-dir';
import { startHttpDesk, type HttpDesk } from '../helpers/web-desk';

let desk: HttpDesk | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await desk?.close();
  desk = null;
  while (cleanups.length > 0) cleanups.pop()?.();
});

function filesOf(databaseFile: string): Buffer[] {
  const folder = path.dirname(databaseFile);
  return readdirSync(folder)
    .filter((name) => name.startsWith(path.basename(databaseFile)))
    .map((name) => readFileSync(path.join(folder, name)));
}

describe('roles and badges (web mode over HTTP)', () => {
  it('stores badges only as salted scrypt hashes and never returns them', async () => {
    desk = await startHttpDesk('badges');
    await desk.call('operators.save', { name: 'Sam Supervisor', badge: 'SUPERBADGE-4711', role: 'supervisor' });
    await desk.call('operators.save', { name: 'Olga Operator', badge: 'OLGABADGE-0815', supervisorBadge: 'SUPERBADGE-4711' });
    const listed = await desk.api('operators.list', {});
    expect(JSON.stringify(listed.envelope)).not.toMatch(/4711|0815|scrypt/);
    expect(listed.envelope.value.operators).toEqual([
      { name: 'Olga Operator', hasBadge: true, role: 'operator', title: null, phone: null },
      { name: 'Sam Supervisor', hasBadge: true, role: 'supervisor', title: null, phone: null },
    ]);
    for (const bytes of filesOf(desk.databaseFile)) {
      for (const plain of ['SUPERBADGE4711', 'SUPERBADGE-4711', 'OLGABADGE0815']) expect(bytes.includes(Buffer.from(plain))).toBe(false);
    }
    const db = openDatabase(desk.databaseFile, { readonly: true });
    try {
      const hashes = db.prepare('SELECT badge_hash AS badgeHash FROM operators ORDER BY name').all() as { badgeHash: string }[];
      for (const { badgeHash } of hashes) expect(badgeHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      // Salted: the same badge twice would not hash the same.
      expect(new Set(hashes.map((row) => row.badgeHash.split('$')[4])).size).toBe(2);
    } finally {
      db.close();
    }
    // A badge still signs its operator in, however the scanner frames it.
    expect((await desk.call<{ operator: string; role: string }>('operators.signIn', { badge: 'olgabadge 0815' })).operator).toBe('Olga Operator');
    expect((await desk.api('operators.signIn', { badge: 'OLGABADGE-0816' })).envelope.error).toMatchObject({ code: 'not_found', key: 'badgeUnknown' });
    expect((await desk.api('operators.save', { name: 'Mallory', badge: 'OLGABADGE0815', supervisorBadge: 'SUPERBADGE-4711' })).envelope.error).toMatchObject({ key: 'badgeTaken' });
  });

  it('asks for a supervisor’s badge for printers and the upstream once the desk has a supervisor', async () => {
    desk = await startHttpDesk('settings-gate');
    // Setting up: no supervisor yet, so the printer can be set.
    expect((await desk.api('settings.set', { zplPrinterHost: '127.0.0.1' })).envelope.ok).toBe(true);
    await desk.call('operators.save', { name: 'Sam Supervisor', badge: 'SUP-1', role: 'supervisor' });
    await desk.call('operators.save', { name: 'Olga Operator', badge: 'OP-7', supervisorBadge: 'SUP-1' });
    expect((await desk.api('settings.set', { zplPrinterHost: '10.0.0.9' })).envelope.error).toMatchObject({ code: 'forbidden', key: 'supervisorBadgeRequired' });
    expect((await desk.api('settings.set', { zplPrinterHost: '10.0.0.9', supervisorBadge: 'OP-7' })).envelope.error).toMatchObject({ key: 'supervisorBadgeNotSupervisor' });
    expect((await desk.api('settings.set', { upstreamUrl: '' })).envelope.error).toMatchObject({ code: 'forbidden' });
    expect((await desk.call<{ zplPrinterHost: string }>('settings.get', {})).zplPrinterHost).toBe('127.0.0.1');
    expect((await desk.call<{ zplPrinterHost: string }>('settings.set', { zplPrinterHost: '10.0.0.9', supervisorBadge: 'SUP-1' })).zplPrinterHost).toBe('10.0.0.9');
    // What any operator may change stays open.
    expect((await desk.api('settings.set', { locale: 'cs' })).envelope.ok).toBe(true);
    expect((await desk.api('demo.remove', {})).envelope.error).toMatchObject({ code: 'forbidden' });
    expect((await desk.api('operators.remove', { name: 'Olga Operator' })).envelope.error).toMatchObject({ code: 'forbidden' });
  });

  it('asks a signed-in operator to sign in again after a shift', async () => {
    const { fixedClock } = await import('../../main/core/clock');
    const clock = fixedClock('2026-05-04T06:00:00.000Z');
    desk = await startHttpDesk('shift-length', { clock });
    await desk.call('operators.save', { name: 'Olga Operator', badge: 'OP-7' });
    await desk.call('operators.signIn', { badge: 'OP-7' });
    expect(await desk.call('settings.get', {})).toMatchObject({ signedInAt: '2026-05-04T06:00:00.000Z', signInExpiresAt: '2026-05-04T18:00:00.000Z', signInExpired: false, shiftHours: 12 });
    clock.set('2026-05-04T18:00:00.000Z');
    expect(await desk.call('settings.get', {})).toMatchObject({ signInExpired: true });
    await desk.call('settings.set', { shiftHours: 14 });
    expect(await desk.call('settings.get', {})).toMatchObject({ signInExpired: false, signInExpiresAt: '2026-05-04T20:00:00.000Z' });
  });
});

describe('badges stored by an older desk', () => {
  it('are hashed by the migration, their plain text gone from the file, and still sign in', async () => {
    const temp = makeTempDir('badge-migration');
    cleanups.push(temp.remove);
    const databaseFile = path.join(temp.dir, 'desk.sqlite');
    const old = openDatabase(databaseFile, { migrations: MIGRATIONS.slice(0, 9) });
    old.prepare("INSERT INTO operators (name, badge, created_at) VALUES ('Old Timer', 'PLAINBADGE1234', '2025-01-01T00:00:00Z')").run();
    old.prepare(
      `INSERT INTO jobs (name, job_type, state, document_json, imported_at, updated_at)
       VALUES ('old-job', 'Import', 'Shipping', '{"name":"old-job","properties":{"state":"Shipping","BitLockerKey":"111111-222222-333333-444444-555555-666666-777777-888888"}}', '2025-01-01', '2025-01-01')`,
    ).run();
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    expect(readFileSync(databaseFile).includes(Buffer.from('PLAINBADGE1234'))).toBe(true);

    const core = createDeskCore({ databaseFile });
    try {
      const signedIn = await core.dispatch('operators.signIn', { badge: 'plainbadge-1234' });
      expect(signedIn).toMatchObject({ ok: true, value: { operator: 'Old Timer' } });
      const job = await core.dispatch('jobs.get', { jobId: 'old-job' });
      expect(job.ok).toBe(true);
    } finally {
      core.close();
    }
    // The migration copied the database to backups/ first (as every migration does); the live files hold neither secret.
    for (const bytes of filesOf(databaseFile)) {
      expect(bytes.includes(Buffer.from('PLAINBADGE1234'))).toBe(false);
      expect(bytes.includes(Buffer.from('111111-222222'))).toBe(false);
    }
  });
});

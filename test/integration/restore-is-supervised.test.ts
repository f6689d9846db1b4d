import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/core/desk-core';
import { makeTempDir } from '../helpers/temp-dir';

const RESTORE_CLI = path.resolve(__dirname, '..', '..', 'dist', 'main', 'restore-cli.cjs');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

describe('npm run restore (the CLI)', () => {
  it('needs a supervisor’s badge once the desk has a supervisor, and puts the dock photos back', async () => {
    const temp = makeTempDir('restore-supervised');
    cleanups.push(temp.remove);
    const databaseFile = path.join(temp.dir, 'desk.sqlite');
    const core = createDeskCore({ databaseFile });
    const photoFile = await (async () => {
    try {
      await core.dispatch('operators.save', { name: 'Sam Supervisor', role: 'supervisor', badge: 'SUP-1' });
      const checkIn = await core.dispatch('packages.checkIn', { trackingNumber: 'TRK-DAMAGED', damaged: true });
      const packageId = (checkIn as { value: { packageId: number } }).value.packageId;
      const added = await core.dispatch('packages.addPhoto', { packageId, contentType: 'image/jpeg', data: JPEG.toString('base64') });
      expect((await core.dispatch('backups.create', {})).ok).toBe(true);
      return `package-${packageId}-${(added as { value: { photo: { sha256: string } } }).value.photo.sha256}.jpg`;
    } finally {
      await core.close();
    }
    })();
    const backup = spawnSync(process.execPath, [RESTORE_CLI, '--data', temp.dir, '--list'], { encoding: 'utf8' }).stdout.split(/\s+/)[0] as string;
    rmSync(path.join(temp.dir, 'photos'), { recursive: true, force: true });

    const env = { ...process.env };
    delete env.DESK_SUPERVISOR_BADGE;
    const refused = spawnSync(process.execPath, [RESTORE_CLI, '--data', temp.dir, '--backup', backup], { encoding: 'utf8', env });
    expect(refused.status).toBe(5);
    expect(refused.stderr).toContain('supervisor');
    const wrong = spawnSync(process.execPath, [RESTORE_CLI, '--data', temp.dir, '--backup', backup], { encoding: 'utf8', env: { ...env, DESK_SUPERVISOR_BADGE: 'NOT-A-BADGE' } });
    expect(wrong.status).toBe(5);
    expect(existsSync(path.join(temp.dir, 'photos', photoFile))).toBe(false);

    const restored = spawnSync(process.execPath, [RESTORE_CLI, '--data', temp.dir, '--backup', backup], { encoding: 'utf8', env: { ...env, DESK_SUPERVISOR_BADGE: 'sup 1' } });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('confirmed by Sam Supervisor');
    expect(existsSync(path.join(temp.dir, 'photos', photoFile))).toBe(true);
  });
});

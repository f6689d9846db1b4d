import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../shared/app-version';

describe('APP_VERSION', () => {
  it('is the version in package.json (what the desk reports to the hub is what was built)', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(manifest.version);
  });
});

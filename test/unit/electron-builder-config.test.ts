import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
type Config = Record<string, unknown> & { electronFuses: Record<string, boolean>; files: string[] };
const load = (file: string) => parse(readFileSync(path.join(ROOT, file), 'utf8')) as Config;

const RELEASE_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder configuration', () => {
  const release = load('electron-builder.yml');
  const testFlavour = load('electron-builder.test.yml');
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

  it('names the app and builds AppImage and deb, NSIS and dmg, in an asar', () => {
    expect(release).toMatchObject({ appId: 'net.receivingdesk.app', productName: 'Receiving Desk', asar: true, npmRebuild: false });
    expect(release.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(release.win).toMatchObject({ target: ['nsis'] });
    expect(release.mac).toMatchObject({ target: ['dmg'] });
  });

  it('ships the built app and nothing else of the repository, with the Electron-ABI database binding beside it', () => {
    expect(release.files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/renderer/**', 'package.json', '!**/*.map']));
    expect(release.files.some((pattern) => /^(main|renderer|shared|test|scripts)\//.test(pattern))).toBe(false);
    expect(pkg.main.startsWith('dist/main/')).toBe(true);
    expect(release.extraResources).toEqual([{ from: '.electron-abi/better_sqlite3.node', to: 'native/better_sqlite3.node' }]);
    // The bundles leave these to node_modules at run time; electron-builder ships production dependencies.
    for (const external of ['better-sqlite3', 'pdfkit', 'bwip-js', 'dejavu-fonts-ttf']) expect(Object.keys(pkg.dependencies)).toContain(external);
  });

  it('has an icon of at least 512 × 512 pixels', () => {
    expect(release.icon).toBe('build/icon.png');
    const png = readFileSync(path.join(ROOT, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  /**
   * The check compiles electron-builder's whole JSON schema (ajv, thousands of definitions) before the first
   * validation: about 3 s on an idle core here, 10-16 s at the load average of ~25 this shared machine
   * reaches, past vitest's 5 s default. The timeout guards against a hang, not speed.
   */
  const SCHEMA_COMPILE_TIMEOUT_MS = 60_000;

  it("passes electron-builder's own schema check, both flavours", async () => {
    // The same validation `electron-builder` runs before it builds, without the Electron runtime.
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config')) as unknown as {
      validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
    };
    const quiet = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(release, quiet)).resolves.toBeUndefined();
    await expect(validateConfiguration(testFlavour, quiet)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...release, electronFuses: { runAsNode: 'no' } }, quiet)).rejects.toThrow(/runAsNode/);
  }, SCHEMA_COMPILE_TIMEOUT_MS);

  it('sets every release fuse', () => {
    expect(release.electronFuses).toEqual(RELEASE_FUSES);
  });

  it('has a test flavour that differs only in the fuse Playwright needs, and builds elsewhere', () => {
    expect(testFlavour.extends).toBe('./electron-builder.yml');
    expect(testFlavour.electronFuses).toEqual({ ...RELEASE_FUSES, enableNodeCliInspectArguments: true });
    expect(testFlavour.directories).toEqual({ output: 'release-test' });
    expect(Object.keys(testFlavour).sort()).toEqual(['directories', 'electronFuses', 'extends']);
  });
});

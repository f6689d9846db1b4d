import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(__dirname, '..', '..', 'renderer');
/** The compiler over a probe takes seconds on a loaded machine. */
const COMPILE_TIMEOUT_MS = 120_000;

/** Type-checks one probe file as if it were in renderer/src, with the renderer's settings. */
function diagnosticsFor(probe: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(RENDERER, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (config === undefined) throw new Error('renderer/tsconfig.json could not be read');
  const probeFile = path.join(RENDERER, 'src', '__typed-keys-probe.tsx');
  const host = ts.createCompilerHost({ ...config.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false });
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === probeFile ? probe : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === probeFile || fileExists(file);
  const rootNames = [probeFile, path.join(RENDERER, 'src', 'i18n', 'i18next.d.ts')];
  const program = ts.createProgram({ rootNames, options: { ...config.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false }, host });
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(probeFile))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0] ?? '');
}

describe('translation keys are typed (docs/i18n.md)', () => {
  it('a key that is not in the English catalogue does not compile; one that is, does', () => {
    const probe = (key: string) => `import i18next from 'i18next';\nexport const text: string = i18next.t('${key}');\n`;
    expect(diagnosticsFor(probe('scan.closePackage'))).toEqual([]);
    const missing = diagnosticsFor(probe('scan.closePakage'));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.join('\n')).toMatch(/not assignable/);
  }, COMPILE_TIMEOUT_MS);
});

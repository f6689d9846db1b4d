import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportMessages(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the lint rules enforce the process boundaries (DESIGN §2)', () => {
  it('fails a file that imports electron outside main/electron/', async () => {
    const code = "import { app } from 'electron';\nexport const name = app.getName();\n";
    expect(await restrictedImportMessages(code, 'main/core/sneaky.ts')).toEqual([expect.stringContaining('Only main/electron/ may import electron (DESIGN §2).')]);
    expect(await restrictedImportMessages(code, 'renderer/src/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages(code, 'main/electron/fine.ts')).toEqual([]);
  });

  it('fails a file that imports better-sqlite3 outside main/db/', async () => {
    const code = "import Database from 'better-sqlite3';\nexport const db = new Database(':memory:');\n";
    expect(await restrictedImportMessages(code, 'main/core/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages(code, 'main/db/fine.ts')).toEqual([]);
  });

  it('keeps shared/ free of node, react and electron, and renderer/ free of node and main/', async () => {
    expect(await restrictedImportMessages("import fs from 'node:fs';\nexport default fs;\n", 'shared/x.ts')).toHaveLength(1);
    expect(await restrictedImportMessages("import path from 'path';\nexport default path;\n", 'shared/x.ts')).toHaveLength(1);
    expect(await restrictedImportMessages("import React from 'react';\nexport default React;\n", 'shared/x.ts')).toHaveLength(1);
    expect(await restrictedImportMessages("import fs from 'node:fs';\nexport default fs;\n", 'renderer/src/x.ts')).toHaveLength(1);
    expect(
      await restrictedImportMessages("import { createDeskCore } from '../../main/core/desk-core';\nexport default createDeskCore;\n", 'renderer/src/x.ts'),
    ).toHaveLength(1);
    expect(await restrictedImportMessages("import { z } from 'zod';\nexport default z;\n", 'shared/x.ts')).toEqual([]);
  });
});

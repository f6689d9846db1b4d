import { ESLint } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportMessages(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

// ESLint loads its config and the TypeScript parser on first use: seconds on a busy machine, once.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: path.join(root, 'main/core/warm-up.ts') });
}, 60_000);

describe('the lint rules enforce the process boundaries (docs/architecture.md)', () => {
  it('fails a file that imports electron outside main/electron/', async () => {
    const code = "import { app } from 'electron';\nexport const name = app.getName();\n";
    expect(await restrictedImportMessages(code, 'main/core/sneaky.ts')).toEqual([expect.stringContaining('Only main/electron/ may import electron (docs/architecture.md).')]);
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

describe('only main/hub/ talks to PostgreSQL, and the hub shares only shared/ with the desk (docs/architecture.md)', () => {
  const pgCode = "import pg from 'pg';\nexport const pool = new pg.Pool();\n";
  const pgliteCode = "import { PGlite } from '@electric-sql/pglite';\nexport const db = new PGlite();\n";

  it('fails a file outside main/hub/ that imports pg or PGlite', async () => {
    for (const file of ['main/core/sneaky.ts', 'main/db/sneaky.ts', 'main/web/sneaky.ts', 'main/electron/sneaky.ts', 'shared/sneaky.ts', 'renderer/src/sneaky.ts']) {
      expect(await restrictedImportMessages(pgCode, file), file).toEqual([expect.stringContaining('Only main/hub/ talks to PostgreSQL')]);
      expect(await restrictedImportMessages(pgliteCode, file), file).toHaveLength(1);
    }
    expect(await restrictedImportMessages("import { Pool } from 'pg-pool';\nexport default Pool;\n", 'main/core/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages(pgCode, 'main/hub/fine.ts')).toEqual([]);
    expect(await restrictedImportMessages(pgliteCode, 'main/hub/storage/fine.ts')).toEqual([]);
  });

  it('fails main/hub/ importing electron, better-sqlite3 or the desk code, and main/core/ importing the hub', async () => {
    expect(await restrictedImportMessages("import Database from 'better-sqlite3';\nexport default Database;\n", 'main/hub/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages("import { app } from 'electron';\nexport default app;\n", 'main/hub/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages("import { createDeskCore } from '../core/desk-core';\nexport default createDeskCore;\n", 'main/hub/sneaky.ts')).toEqual([
      expect.stringContaining('main/hub/ shares only shared/'),
    ]);
    expect(await restrictedImportMessages("import { openDeskStore } from '../db/desk-store';\nexport default openDeskStore;\n", 'main/hub/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages("import { z } from '../../shared/sync/wire';\nexport default z;\n", 'main/hub/fine.ts')).toEqual([]);
    expect(await restrictedImportMessages("import { startHub } from '../hub/hub-server';\nexport default startHub;\n", 'main/core/sneaky.ts')).toHaveLength(1);
  });

  it('keeps the shells apart: none of main/electron, main/web, main/cli imports another; all stand on main/host', async () => {
    const probe = (from: string) => `import { x } from '${from}';\nexport default x;\n`;
    expect(await restrictedImportMessages(probe('../web/server'), 'main/electron/sneaky.ts')).toEqual([
      expect.stringContaining('main/electron/ is a shell over main/host and may not import another shell'),
    ]);
    expect(await restrictedImportMessages(probe('../cli/restore-cli'), 'main/electron/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages(probe('../electron/app-menu'), 'main/web/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages(probe('../cli/restore-cli'), 'main/web/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages(probe('../web/cli-args'), 'main/cli/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages(probe('../electron/app-menu'), 'main/cli/sneaky.ts')).toHaveLength(1);
    // The host is below every shell, the core below the host.
    expect(await restrictedImportMessages(probe('../web/server'), 'main/host/sneaky.ts')).toHaveLength(1);
    expect(await restrictedImportMessages(probe('../host/start-desk'), 'main/core/sneaky.ts')).toHaveLength(1);
    for (const shell of ['electron', 'web', 'cli']) {
      expect(await restrictedImportMessages(probe('../host/start-desk'), `main/${shell}/fine.ts`)).toEqual([]);
    }
  });
});

// Lint, including the process boundaries of docs/architecture.md: which folder may import what.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'net', 'os', 'path', 'process', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only main/electron/ may import electron (docs/architecture.md).',
};
const sqliteOnlyInDb = {
  name: 'better-sqlite3',
  message: 'Only main/db/ may import better-sqlite3 (docs/architecture.md).',
};
/** pg, its parts (pg-pool, pg-protocol …) and embedded PostgreSQL (PGlite). */
const postgresPatterns = [{ regex: '^(pg|pg-[a-z-]+|@electric-sql/.*)(/.*)?$', message: 'Only main/hub/ talks to PostgreSQL (docs/architecture.md).' }];
const nodeBuiltins = (where) => [
  ...NODE_BUILTINS.map((name) => ({ name, message: `${where} may not import Node built-ins.` })),
];
const nodePrefixPattern = (where) => ({ regex: '^node:', message: `${where} may not import Node built-ins.` });

/** A shell may not import another shell: `own` is the shell the rule is for. */
const shellsApart = (own) => ({
  regex: `^(\\.\\./)+(${['web', 'electron', 'cli'].filter((shell) => shell !== own).join('|')})(/|$)`,
  message: `main/${own}/ is a shell over main/host and may not import another shell (docs/architecture.md).`,
});

/** Builds a no-restricted-imports rule from named modules and patterns. */
const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', 'test/artifacts/**', 'release/**', 'test/lint-fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Everything outside main/electron and main/db: neither electron nor better-sqlite3; and nothing
  // outside main/hub talks to PostgreSQL (tests may, to make and inspect their own databases).
  {
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    ignores: ['main/electron/**', 'main/db/**'],
    rules: { 'no-restricted-imports': restrict([electronOnlyInShell, sqliteOnlyInDb], postgresPatterns) },
  },
  {
    files: ['main/db/**'],
    rules: { 'no-restricted-imports': restrict([electronOnlyInShell], postgresPatterns) },
  },
  // The shells (main/electron, main/web, main/cli) are thin layers over main/host; none imports
  // another (docs/architecture.md, "The host").
  {
    files: ['main/electron/**'],
    rules: { 'no-restricted-imports': restrict([sqliteOnlyInDb], [...postgresPatterns, shellsApart('electron')]) },
  },
  ...['web', 'cli'].map((shell) => ({
    files: [`main/${shell}/**`],
    rules: { 'no-restricted-imports': restrict([electronOnlyInShell, sqliteOnlyInDb], [...postgresPatterns, shellsApart(shell)]) },
  })),
  // main/host/ is below every shell and above the core: it imports neither a shell nor the hub.
  {
    files: ['main/host/**'],
    rules: {
      'no-restricted-imports': restrict(
        [electronOnlyInShell, sqliteOnlyInDb],
        [{ regex: '^(\\.\\./)+(web|electron|cli|hub)(/|$)', message: 'main/host/ may not import a shell or the hub (docs/architecture.md).' }, ...postgresPatterns],
      ),
    },
  },
  // main/hub/: the site's service. PostgreSQL yes; electron, SQLite and the desk's own code no: it
  // shares only shared/ with the desk (docs/architecture.md).
  {
    files: ['main/hub/**'],
    rules: {
      'no-restricted-imports': restrict(
        [electronOnlyInShell, sqliteOnlyInDb],
        [{ regex: '^(\\.\\./)+(core|db|electron|web|cli|host)(/|$)', message: 'main/hub/ shares only shared/ with the desk (docs/architecture.md).' }],
      ),
    },
  },
  {
    files: ['test/**'],
    ignores: ['test/bench/**'],
    rules: { 'no-restricted-imports': restrict([electronOnlyInShell, sqliteOnlyInDb]) },
  },
  // The benchmarks measure the desk against bare SQLite on the same disk (docs/performance.md), and bulk-load
  // a million rows of history: they open SQLite themselves for the baseline and the data set only.
  {
    files: ['test/bench/**'],
    rules: { 'no-restricted-imports': restrict([electronOnlyInShell]) },
  },
  // shared/: pure TypeScript for both sides.
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          electronOnlyInShell,
          sqliteOnlyInDb,
          ...nodeBuiltins('shared/'),
          { name: 'react', message: 'shared/ may not import react.' },
          { name: 'react-dom', message: 'shared/ may not import react.' },
        ],
        [nodePrefixPattern('shared/'), { regex: '^(\\.\\./)+(main|renderer)/', message: 'shared/ may not import main/ or renderer/.' }, ...postgresPatterns],
      ),
    },
  },
  // renderer/: only shared/ and UI libraries.
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [electronOnlyInShell, sqliteOnlyInDb, ...nodeBuiltins('renderer/')],
        [nodePrefixPattern('renderer/'), { regex: '^(\\.\\./)+main/', message: 'renderer/ talks to main only through the typed client.' }, ...postgresPatterns],
      ),
    },
  },
  // main/core/ is transport-agnostic: no web server, no Electron shell.
  {
    files: ['main/core/**'],
    rules: {
      'no-restricted-imports': restrict(
        [electronOnlyInShell, sqliteOnlyInDb],
        [{ regex: '^(\\.\\./)+(web|electron|cli|host|hub)/', message: 'main/core/ may not depend on a shell, the host or the hub.' }, ...postgresPatterns],
      ),
    },
  },
);

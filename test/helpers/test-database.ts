/**
 * A fresh PostgreSQL database for a test, on the server named by HUB_TEST_DATABASE_URL (default:
 * the local test role, postgres://desk_test:desk_test@127.0.0.1:5432/postgres). The role must be
 * allowed to CREATE DATABASE. Dropped (with any connection still open) when the test is done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_ENV = 'HUB_TEST_DATABASE_URL';
export const DEFAULT_TEST_DATABASE_URL = 'postgres://desk_test:desk_test@127.0.0.1:5432/postgres';

export function testServerUrl(): string {
  return process.env[TEST_DATABASE_ENV] ?? DEFAULT_TEST_DATABASE_URL;
}

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL for the hub tests is not reachable at ${TEST_DATABASE_ENV}=${testServerUrl().replace(/:[^:@/]*@/, ':***@')} ` +
        `(${error instanceof Error ? error.message : String(error)}). Start it (see README, "Tests") or point ${TEST_DATABASE_ENV} at a server.`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `hub_test_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

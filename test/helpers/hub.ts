/**
 * A hub for a test: in this process (startHub) on a fresh PostgreSQL database, or on embedded
 * PostgreSQL in a temp folder for the smoke subset. With helpers to act as the hub's admin.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { startHub, type HubHandle, type HubOptions } from '../../main/hub/hub-server';
import { normalizeCode } from '../../shared/domain/serial';
import { ENROLL_PATH, enrollResponseSchema, type EnrollResponse } from '../../shared/sync/wire';
import { makeTempDir } from './temp-dir';
import { createTestDatabase, type TestDatabase } from './test-database';

export type HubEngine = 'postgres' | 'embedded';

export interface AppliedRow {
  readonly id: number;
  readonly deskId: string;
  readonly seq: number;
  readonly clientId: string;
  readonly entity: 'drive' | 'job';
  readonly jobName: string;
  readonly serial: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly operator: string;
  readonly upstreamFrom: string | null;
  readonly upstreamTo: string;
}

export interface TestHub {
  readonly handle: HubHandle;
  readonly url: string;
  readonly dataDir: string;
  readonly adminToken: string;
  readonly database: TestDatabase | null;
  admin<T = unknown>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  putJob(document: Record<string, unknown>): Promise<void>;
  /** Creates a desk at the hub; returns its hub id and one-use enrollment code. */
  createDesk(name: string): Promise<{ deskId: string; enrollmentCode: string }>;
  /** Creates a desk and enrolls it over HTTP as a desk would (for tests without a desk core). */
  enrollRaw(name: string, clientDeskId: string): Promise<EnrollResponse>;
  applied(hubDeskId?: string): Promise<AppliedRow[]>;
  rejections(hubDeskId?: string): Promise<unknown[]>;
  driveState(jobName: string, serial: string): Promise<string>;
  close(): Promise<void>;
}

/** fetch() for the tests' own admin calls, trusting the hub's test CA when it serves HTTPS. */
export async function testFetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}, ca?: string | Buffer): Promise<{ status: number; ok: boolean; text(): Promise<string> }> {
  if (ca === undefined || !url.startsWith('https:')) {
    const response = await fetch(url, init);
    return { status: response.status, ok: response.ok, text: () => response.text() };
  }
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, ca, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status, ok: status >= 200 && status < 300, text: async () => text });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    if (init.body !== undefined) request.write(init.body);
    request.end();
  });
}

export interface TestHubOptions extends Partial<Omit<HubOptions, 'dataDir' | 'databaseUrl'>> {
  /** The CA (PEM) the hub's certificate chains to, for the tests' own admin calls over HTTPS. */
  readonly ca?: string | Buffer;
  readonly engine?: HubEngine;
  /** Serve an existing database (a second hub process on the same one) instead of a fresh one. */
  readonly databaseUrl?: string;
  readonly dataDir?: string;
}

export async function openTestHub(label: string, options: TestHubOptions = {}): Promise<TestHub> {
  const engine = options.engine ?? 'postgres';
  const { ca: caPem, ...hubOptions } = options;
  const temp = options.dataDir === undefined ? makeTempDir(`hub-${label}`) : null;
  const dataDir = options.dataDir ?? temp?.dir ?? '';
  const database = engine === 'postgres' && options.databaseUrl === undefined ? await createTestDatabase(label) : null;
  const databaseUrl = options.databaseUrl ?? database?.url;
  let handle: HubHandle;
  try {
    handle = await startHub({
      demo: false,
      ...hubOptions,
      dataDir,
      ...(databaseUrl === undefined ? {} : { databaseUrl }),
    });
  } catch (error) {
    await database?.drop();
    temp?.remove();
    throw error;
  }
  const adminToken = readFileSync(handle.adminTokenFile, 'utf8').trim();

  async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await testFetch(
      `${handle.url}/v1/admin/${path}`,
      {
        method,
        headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      caPem,
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async function allPages<T extends { id: number }>(path: string): Promise<T[]> {
    const rows: T[] = [];
    let after = 0;
    for (;;) {
      const separator = path.includes('?') ? '&' : '?';
      const page = await admin<{ value: T[]; next: number | null }>('GET', `${path}${separator}after=${after}`);
      rows.push(...page.value);
      if (page.next === null) return rows;
      after = page.next;
    }
  }

  const hub: TestHub = {
    handle,
    url: handle.url,
    dataDir,
    adminToken,
    database,
    admin,
    async putJob(document) {
      await admin('PUT', `jobs/${encodeURIComponent(String(document.name))}`, document);
    },
    createDesk: (name) => admin<{ deskId: string; enrollmentCode: string }>('POST', 'desks', { name }),
    async enrollRaw(name, clientDeskId) {
      const { enrollmentCode } = await hub.createDesk(name);
      const response = await testFetch(
        `${handle.url}${ENROLL_PATH}`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ enrollmentCode, deskId: clientDeskId, deskName: name }) },
        caPem,
      );
      const text = await response.text();
      if (!response.ok) throw new Error(`enroll ${name}: ${response.status} ${text}`);
      return enrollResponseSchema.parse(JSON.parse(text));
    },
    applied: (hubDeskId) => allPages<AppliedRow>(hubDeskId === undefined ? 'transitions' : `transitions?deskId=${encodeURIComponent(hubDeskId)}`),
    rejections: (hubDeskId) => allPages<{ id: number }>(hubDeskId === undefined ? 'rejections' : `rejections?deskId=${encodeURIComponent(hubDeskId)}`),
    async driveState(jobName, serial) {
      const job = await admin<{ properties: { driveList?: { driveId: string; state: string }[] } }>('GET', `jobs/${encodeURIComponent(jobName)}`);
      const drive = (job.properties.driveList ?? []).find((entry) => normalizeCode(entry.driveId) === serial);
      if (drive === undefined) throw new Error(`hub job ${jobName} has no drive ${serial}`);
      return drive.state;
    },
    async close() {
      await handle.close();
      await database?.drop();
      temp?.remove();
    },
  };
  return hub;
}

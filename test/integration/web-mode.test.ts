import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/core/desk-core';
import { startWebServer, type WebServer } from '../../main/web/server';
import { jobDocument } from '../helpers/desk';
import { makeTempDir } from '../helpers/temp-dir';

const TOKEN = 'integration-token-0123456789';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startDesk(): Promise<WebServer> {
  const temp = makeTempDir('web');
  cleanups.push(temp.remove);
  // The renderer folder sits beside the database, as dist/renderer sits beside the data folder's parent.
  const staticDir = path.join(temp.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
  const core = createDeskCore({ databaseFile: path.join(temp.dir, 'desk.sqlite') });
  cleanups.push(() => core.close());
  const server = await startWebServer({ dispatch: core.dispatch, token: TOKEN, staticDir });
  cleanups.push(() => server.close());
  return server;
}

/** A raw request, so the test controls every header (fetch would not let it set Host). */
function request(
  server: WebServer,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

async function api(server: WebServer, method: string, params: unknown, headers: Record<string, string> = {}) {
  const response = await request(server, {
    path: `/api/${method}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(params),
  });
  const isJson = (response.headers['content-type'] ?? '').startsWith('application/json');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads fields of several result shapes
  type Loose = { ok: boolean; value?: any; error?: { code: string; message: string } };
  return { status: response.status, envelope: (isJson ? JSON.parse(response.body) : null) as Loose };
}

describe('web mode over real HTTP', () => {
  it('refuses a request without the token, or with a wrong one, with 401', async () => {
    const server = await startDesk();
    const missing = await request(server, { path: '/api/jobs.list', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    const wrong = await api(server, 'jobs.list', {}, { Authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.envelope).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // The scheme in any case (RFC 9110 §11.1); the token itself exactly.
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      expect((await api(server, 'jobs.list', {}, { Authorization: `${scheme} ${TOKEN}` })).status, scheme).toBe(200);
    }
    expect((await api(server, 'jobs.list', {}, { Authorization: `Bearer ${TOKEN.toUpperCase()}x` })).status).toBe(401);
    expect((await api(server, 'jobs.list', {}, { Authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host with 403, and sends no CORS header', async () => {
    const server = await startDesk();
    const foreignOrigin = await api(server, 'jobs.list', {}, { Origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    const rebinding = await request(server, { path: '/', headers: { Host: `evil.example:${server.port}` } });
    expect(rebinding.status).toBe(403);
    const sameOrigin = await api(server, 'jobs.list', {}, { Origin: `http://127.0.0.1:${server.port}` });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.envelope.ok).toBe(true);
    const page = await request(server, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses paths outside the renderer folder', async () => {
    const server = await startDesk();
    for (const attempt of ['/../desk.sqlite', '/%2e%2e/desk.sqlite', '/..%2fdesk.sqlite']) {
      const response = await request(server, { path: attempt });
      expect(response.status, attempt).toBe(404);
    }
  });

  it('refuses to listen anywhere but loopback', async () => {
    await expect(startWebServer({ dispatch: async () => ({ ok: true, value: null }), token: TOKEN, staticDir: '.', host: '0.0.0.0' })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0/,
    );
  });

  it('runs the receiving scenario through POST /api/<method>', async () => {
    const server = await startDesk();
    const imported = await api(server, 'jobs.import', {
      document: { value: [jobDocument('http-job', { trackingNumber: 'TRK-HTTP-1', driveCount: 4, drives: ['D1A', 'D2B', 'D3C', 'D4D'] })] },
    });
    expect(imported.envelope.ok).toBe(true);
    const checkIn = await api(server, 'packages.checkIn', { trackingNumber: 'trk http 1' });
    expect(checkIn.envelope.value.verdict).toBe('matched');
    const packageId = checkIn.envelope.value.packageId as number;
    const verdicts: string[] = [];
    for (const code of ['d1a', 'D2-B', 'D3C', 'D2B', 'ZZZ999']) {
      verdicts.push((await api(server, 'scans.record', { packageId, code })).envelope.value.verdict);
    }
    expect(verdicts).toEqual(['received', 'received', 'received', 'duplicate', 'extra']);
    const closed = await api(server, 'packages.close', { packageId });
    expect(closed.envelope.value.neverReceived.map((drive: { serial: string }) => drive.serial)).toEqual(['D4D']);
    const history = await api(server, 'drives.history', { driveId: 'D4D' });
    expect(history.envelope.value.transitions.map((t: { from: string; to: string }) => `${t.from}>${t.to}`)).toEqual(['Specified>NeverReceived']);
    const malformed = await request(server, {
      path: '/api/jobs.list',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: '{oops',
    });
    expect(malformed.status).toBe(400);
  });
});

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'main', 'web-cli.cjs');

describe('npm run web (the built CLI)', () => {
  it('prints one line with the URL and the token, and serves the API', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm run build (npm run test:integration does)`).toBe(true);
    const temp = makeTempDir('cli');
    cleanups.push(temp.remove);
    const child = spawn(process.execPath, [CLI, '--port', '0', '--data', temp.dir, '--token', TOKEN, '--no-open', '--no-demo'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => {
      child.kill('SIGTERM');
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.on('exit', (code) => reject(new Error(`web mode exited with ${code}`)));
    });
    const match = /(http:\/\/127\.0\.0\.1:(\d+)\/)#token=(\S+) token=(\S+)/.exec(line);
    expect(match, line).not.toBeNull();
    expect(match?.[3]).toBe(TOKEN);
    const response = await fetch(`${match?.[1]}api/jobs.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(await response.json()).toMatchObject({ ok: true, value: { total: 0 } });
  });
});

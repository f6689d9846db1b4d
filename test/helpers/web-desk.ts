import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createDeskCore, type DeskCore, type DeskCoreOptions } from '../../main/core/desk-core';
import { startWebServer, type WebServer } from '../../main/web/server';
import { makeTempDir } from './temp-dir';

export const WEB_TOKEN = 'integration-token-0123456789';

export interface HttpDesk {
  readonly server: WebServer;
  readonly core: DeskCore;
  readonly dir: string;
  readonly databaseFile: string;
  /** POST /api/<method> with the token; the parsed envelope and the status. */
  api(method: string, params: unknown): Promise<{ status: number; envelope: Loose }>;
  /** The same, returning the value or failing with the error. */
  call<T = Loose['value']>(method: string, params: unknown): Promise<T>;
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of many result shapes
export type Loose = { ok: boolean; value?: any; error?: { code: string; message: string; key?: string; params?: Record<string, unknown>; details?: any } };

/** A raw request: the test controls every header and may stream the body in pieces. */
export function rawRequest(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer | readonly Buffer[] },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const body = options.body;
    if (Array.isArray(body)) {
      // Written one piece after another, as a slow or large upload arrives.
      const pieces = [...(body as readonly Buffer[])];
      const next = (): void => {
        const piece = pieces.shift();
        if (piece === undefined) req.end();
        else if (req.write(piece)) setImmediate(next);
        else req.once('drain', next);
      };
      next();
      return;
    }
    if (body !== undefined) req.write(body as string | Buffer);
    req.end();
  });
}

/** Web mode over real HTTP on loopback, on a fresh data folder. */
export async function startHttpDesk(label: string, options: Partial<DeskCoreOptions> = {}): Promise<HttpDesk> {
  const temp = makeTempDir(label);
  const staticDir = path.join(temp.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
  const databaseFile = path.join(temp.dir, 'desk.sqlite');
  const core = createDeskCore({ databaseFile, ...options });
  const server = await startWebServer({ dispatch: core.dispatch, token: WEB_TOKEN, staticDir });
  async function api(method: string, params: unknown) {
    const response = await rawRequest(server.port, {
      path: `/api/${method}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WEB_TOKEN}` },
      body: JSON.stringify(params),
    });
    return { status: response.status, envelope: JSON.parse(response.body) as Loose };
  }
  return {
    server,
    core,
    dir: temp.dir,
    databaseFile,
    api,
    async call<T>(method: string, params: unknown): Promise<T> {
      const { envelope } = await api(method, params);
      if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error?.code}: ${envelope.error?.message}`);
      return envelope.value as T;
    },
    async close() {
      await server.close();
      core.close();
      temp.remove();
    },
  };
}

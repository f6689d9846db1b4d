/**
 * `npm run hub -- --port P --data DIR [--database postgres://…] [--tls-cert F --tls-key F]
 * [--admin-token-file F] [--no-demo] [--host H]`: the site's hub (docs/hub.md). Prints exactly one
 * line (scripts read the URL from it) and stops cleanly on SIGINT or SIGTERM. The database URL may
 * come from HUB_DATABASE_URL instead, so its password stays out of the process list.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHub, type HubOptions } from './hub-server';
import type { RateLimit } from './rate-limit';

const MAX_PORT = 65_535;
/** The highest per-desk rate the flag takes: far above any real desk; a benchmark's simulated desks. */
const MAX_DESK_RATE = 10_000;
export const DATABASE_URL_ENV = 'HUB_DATABASE_URL';
const DEFAULT_DATA_DIR = path.join(os.homedir(), '.receiving-hub');
const USAGE =
  'usage: npm run hub -- [--port P] [--data DIR] [--database postgres://…] [--tls-cert FILE --tls-key FILE] [--admin-token-file FILE] [--no-demo] [--host 127.0.0.1] [--desk-rate-limit REQUESTS_PER_SECOND]';

/** The URL without its password, for the one line the hub prints. */
export function redactDatabaseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

export function parseHubArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): HubOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      database: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'admin-token-file': { type: 'string' },
      'no-demo': { type: 'boolean' },
      host: { type: 'string' },
      'desk-rate-limit': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) throw new Error(`--port: expected a port number from 0 to ${MAX_PORT}, got ${values.port ?? ''}`);
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new Error('--tls-cert and --tls-key go together');
  let rateLimit: RateLimit | undefined;
  if (values['desk-rate-limit'] !== undefined) {
    const perSecond = Number(values['desk-rate-limit']);
    if (!Number.isFinite(perSecond) || perSecond <= 0 || perSecond > MAX_DESK_RATE) {
      throw new Error(`--desk-rate-limit: expected requests per second per desk, from 0.1 to ${MAX_DESK_RATE}`);
    }
    // A burst of three seconds' worth, as the default has.
    rateLimit = { perSecond, burst: Math.max(1, Math.ceil(perSecond * 3)) };
  }
  const fromEnv = env[DATABASE_URL_ENV];
  const databaseUrl = values.database ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('--database: expected postgres://user:password@host:port/database');
  const read = (flag: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`${flag}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    }
  };
  return {
    port,
    dataDir: path.resolve(values.data ?? DEFAULT_DATA_DIR),
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(values['tls-cert'] === undefined || values['tls-key'] === undefined
      ? {}
      : { tls: { cert: read('--tls-cert', values['tls-cert']), key: read('--tls-key', values['tls-key']) } }),
    ...(values['admin-token-file'] === undefined ? {} : { adminTokenFile: path.resolve(values['admin-token-file']) }),
    demo: values['no-demo'] !== true,
    ...(rateLimit === undefined ? {} : { rateLimit }),
    host: values.host ?? '127.0.0.1',
  };
}

async function main(): Promise<void> {
  let options: HubOptions;
  try {
    options = parseHubArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
  const hub = await startHub({ ...options, log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`) });
  const database =
    options.databaseUrl === undefined ? `embedded PostgreSQL in ${path.join(options.dataDir, 'pgdata')}` : `PostgreSQL ${redactDatabaseUrl(options.databaseUrl)}`;
  process.stdout.write(`Receiving hub: ${hub.url} on ${database}; admin token in ${hub.adminTokenFile}\n`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void hub.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`The hub could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

/**
 * `npm run upstream -- --port P --data DIR --token T`: the reference upstream for demos and for
 * tests that drive a desk against a real service. Prints exactly one line (scripts read the URL
 * and the token from it) and stops cleanly on SIGINT or SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startUpstream } from './upstream-server';

const TOKEN_BYTES = 24;
const MAX_PORT = 65_535;
const USAGE = 'usage: npm run upstream -- [--port P] [--data DIR] [--token T] [--host 127.0.0.1]';

interface UpstreamCliArgs {
  readonly port: number;
  readonly dataDir: string;
  readonly token: string;
  readonly host: string;
}

function parseUpstreamArgs(argv: readonly string[]): UpstreamCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, data: { type: 'string' }, token: { type: 'string' }, host: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) {
    throw new Error(`--port: expected a port number from 0 to ${MAX_PORT}, got ${values.port ?? ''}`);
  }
  if (values.token !== undefined && values.token.length === 0) throw new Error('--token: must not be empty');
  return {
    port,
    // Without --data, a fresh folder: a demo upstream starts empty and never touches someone's data.
    dataDir: path.resolve(values.data ?? mkdtempSync(path.join(os.tmpdir(), 'receiving-upstream-'))),
    token: values.token ?? randomBytes(TOKEN_BYTES).toString('base64url'),
    host: values.host ?? '127.0.0.1',
  };
}

async function main(): Promise<void> {
  let args: UpstreamCliArgs;
  try {
    args = parseUpstreamArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
  const upstream = await startUpstream({ dataDir: args.dataDir, token: args.token, port: args.port, host: args.host });
  process.stdout.write(`Reference upstream: ${upstream.url} token=${upstream.token} data=${args.dataDir}\n`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void upstream.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`The reference upstream could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

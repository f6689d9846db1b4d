import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface WebCliArgs {
  readonly port: number;
  readonly dataDir: string | null;
  /** The token from --token-file, RECEIVING_DESK_TOKEN or --token, in that order; null makes one up. */
  readonly token: string | null;
  /** Where the token came from, for the start-up line's warnings. */
  readonly tokenSource: 'file' | 'environment' | 'argument' | null;
  readonly open: boolean;
  readonly demo: boolean;
  readonly host: string;
}

const MAX_PORT = 65_535;
const MIN_TOKEN_LENGTH = 8;
/** A token file holds one line; anything bigger is not a token file. */
const MAX_TOKEN_FILE_BYTES = 4_096;
/** The environment variable web mode reads its token from (kept out of the process list, unlike --token). */
export const TOKEN_ENV = 'RECEIVING_DESK_TOKEN';

function readTokenFile(file: string): string {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    throw new Error(`--token-file: cannot read ${file}`);
  }
  if (!stats.isFile() || stats.size > MAX_TOKEN_FILE_BYTES) throw new Error(`--token-file: ${file} is not a file with one token in it`);
  const token = readFileSync(file, 'utf8').trim();
  if (token.includes('\n')) throw new Error(`--token-file: ${file} must hold the token on one line`);
  return token;
}

function checkToken(token: string, where: string): string {
  if (token.length < MIN_TOKEN_LENGTH) throw new Error(`${where}: use at least ${MIN_TOKEN_LENGTH} characters`);
  if (!/^[\x21-\x7e]+$/.test(token)) throw new Error(`${where}: printable characters only, no spaces`);
  return token;
}

/**
 * `npm run web -- --port P --data DIR --token-file FILE | --token T --no-open` (docs/architecture.md,
 * "Web mode"). Throws with the flag named on bad input. `--token` shows in every process list on
 * the machine; the file or the RECEIVING_DESK_TOKEN variable do not.
 */
export function parseWebCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): WebCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      host: { type: 'string' },
      'no-open': { type: 'boolean' },
      'no-demo': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) {
    throw new Error(`--port: expected a port number from 0 to ${MAX_PORT}, got ${values.port ?? ''}`);
  }
  if (values.token !== undefined && values['token-file'] !== undefined) throw new Error('--token and --token-file: give one of them');
  const fromEnv = env[TOKEN_ENV];
  let token: string | null = null;
  let tokenSource: WebCliArgs['tokenSource'] = null;
  if (values['token-file'] !== undefined) {
    token = checkToken(readTokenFile(values['token-file']), '--token-file');
    tokenSource = 'file';
  } else if (values.token !== undefined) {
    token = checkToken(values.token, '--token');
    tokenSource = 'argument';
  } else if (fromEnv !== undefined && fromEnv !== '') {
    token = checkToken(fromEnv, TOKEN_ENV);
    tokenSource = 'environment';
  }
  return {
    port,
    dataDir: values.data ?? null,
    token,
    tokenSource,
    open: values['no-open'] !== true,
    demo: values['no-demo'] !== true,
    host: values.host ?? '127.0.0.1',
  };
}

export const WEB_USAGE =
  'usage: npm run web -- [--port P] [--data DIR] [--token-file FILE | --token T] [--host 127.0.0.1] [--no-open] [--no-demo]  (or RECEIVING_DESK_TOKEN=T)';

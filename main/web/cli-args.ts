import { parseArgs } from 'node:util';

export interface WebCliArgs {
  readonly port: number;
  readonly dataDir: string | null;
  readonly token: string | null;
  readonly open: boolean;
  readonly demo: boolean;
  readonly host: string;
}

const MAX_PORT = 65_535;

/** `npm run web -- --port P --data DIR --token T --no-open` (docs/architecture.md, "Methods"). Throws with a usage line on bad input. */
export function parseWebCliArgs(argv: readonly string[]): WebCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      token: { type: 'string' },
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
  if (values.token !== undefined && values.token.length < 8) {
    throw new Error('--token: use at least 8 characters');
  }
  return {
    port,
    dataDir: values.data ?? null,
    token: values.token ?? null,
    open: values['no-open'] !== true,
    demo: values['no-demo'] !== true,
    host: values.host ?? '127.0.0.1',
  };
}

export const WEB_USAGE =
  'usage: npm run web -- [--port P] [--data DIR] [--token T] [--host 127.0.0.1] [--no-open] [--no-demo]';

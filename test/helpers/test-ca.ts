/**
 * A throwaway certificate authority for TLS tests, made with this machine's openssl: a CA, and a
 * server certificate it signed for 127.0.0.1 and localhost. Nothing here is ever trusted outside
 * the test that made it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './temp-dir';

export interface TestCa {
  readonly dir: string;
  /** PEM files. */
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: Buffer;
  readonly key: Buffer;
  remove(): void;
}

const DAYS = '2';

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

export function makeTestCa(label: string, commonName = 'Receiving Desk test CA'): TestCa {
  const temp = makeTempDir(`ca-${label}`);
  const dir = temp.dir;
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', DAYS, '-subj', `/CN=${commonName}`], dir);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', DAYS, '-extfile', 'server.ext'],
    dir,
  );
  const certFile = path.join(dir, 'server.pem');
  const keyFile = path.join(dir, 'server.key');
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    certFile,
    keyFile,
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    remove: temp.remove,
  };
}

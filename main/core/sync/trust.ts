/**
 * Which certificate authorities the desk trusts for its hub (docs/hub.md, "TLS"): the system's
 * store, plus the CA file named in the desk's settings for a site with its own CA. Node has its
 * own copy of the public CAs; the operating system's store is read where Node can reach it (Node
 * 22+ asks the OS; on Node 20 the Linux bundle files).
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

/** Where Linux distributions keep the system's CA bundle (Debian/Ubuntu, RHEL/Fedora, SUSE, Alpine). */
const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

let systemCache: readonly string[] | null = null;

function systemCertificates(): readonly string[] {
  if (systemCache !== null) return systemCache;
  const fromNode = (tls as unknown as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  if (typeof fromNode === 'function') {
    try {
      systemCache = [...fromNode('system')];
      return systemCache;
    } catch {
      // Fall through to the bundle files.
    }
  }
  for (const file of LINUX_BUNDLES) {
    try {
      systemCache = [readFileSync(file, 'utf8')];
      return systemCache;
    } catch {
      // Not on this system.
    }
  }
  systemCache = [];
  return systemCache;
}

/** The CA list for a TLS connection to the hub: Node's public CAs, the system's, and the settings' file. */
export function trustedCertificates(extraCaPem: string | null): string[] {
  return [...tls.rootCertificates, ...systemCertificates(), ...(extraCaPem === null ? [] : [extraCaPem])];
}

/** Trust lists kept parsed: one per CA file content seen lately (a renewed file is a new entry). */
const MAX_CACHED_CONTEXTS = 4;
const contextCache = new Map<string, tls.SecureContext>();

/**
 * The TLS context for a connection to the hub, built once per CA list. Building one parses every
 * certificate of the list (some 300: tens of milliseconds, several times that on a busy machine);
 * doing that for each request was most of the time a live update took from desk to desk.
 */
export function trustedContext(extraCaPem: string | null): tls.SecureContext {
  const key = extraCaPem ?? '';
  const cached = contextCache.get(key);
  if (cached !== undefined) return cached;
  const context = tls.createSecureContext({ ca: trustedCertificates(extraCaPem) });
  if (contextCache.size >= MAX_CACHED_CONTEXTS) {
    const oldest = contextCache.keys().next().value;
    if (oldest !== undefined) contextCache.delete(oldest);
  }
  contextCache.set(key, context);
  return context;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Reads a CA file; null with the reason when it is not a readable PEM certificate bundle. */
export function readCaFile(file: string): { ok: true; pem: string } | { ok: false; reason: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, reason: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  if (!PEM_CERTIFICATE.test(text)) return { ok: false, reason: `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)` };
  return { ok: true, pem: text };
}

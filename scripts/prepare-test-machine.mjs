// The first step of `npm test` (and of `npm run test:chaos` and `npm run bench`): makes sure the
// machine has what the suites need beyond npm, on a Debian 12 machine (see the README, Tests):
//   - Debian's Chromium (Playwright drives it; its own browser download is not available here);
//   - a PostgreSQL server that the hub's tests reach at HUB_TEST_DATABASE_URL;
//   - openssl (the hub's tests make a throwaway certificate authority with it);
//   - MuPDF's mutool (Debian's mupdf-tools: a reader independent of the desk reads the destruction
//     certificate's PDF back).
// It installs and starts what is missing when it may (root, with apt-get), and otherwise stops at
// once with the exact commands to run. Idempotent: on a prepared machine it only checks (< 1 s).
//
//   node scripts/prepare-test-machine.mjs            check, and install/start what is missing
//   node scripts/prepare-test-machine.mjs --print-url   print the database URL the tests use
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import net from 'node:net';

/** The database the tests connect to unless HUB_TEST_DATABASE_URL names another (test/helpers/test-database.ts). */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://desk_test:desk_test@127.0.0.1:5432/postgres';
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** Seconds a connection attempt may take before the server counts as not there. */
const CONNECT_TIMEOUT_S = 3;
/** How long a freshly started server gets to accept connections. */
const SERVER_START_WAIT_MS = 20_000;
const POLL_MS = 250;

const databaseUrl = process.env.HUB_TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
const chromiumPath = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (process.argv.includes('--print-url')) {
  console.log(databaseUrl);
  process.exit(0);
}

/** Runs a command; never throws. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { ok: result.status === 0, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', missing: result.error?.code === 'ENOENT' };
}

function onPath(command) {
  return run('sh', ['-c', `command -v ${command}`]).ok;
}

function say(line) {
  console.log(`test machine: ${line}`);
}

/** Stops the run with what to do, as commands a person can paste. */
function stop(reason, commands) {
  console.error(`\ntest machine: ${reason}`);
  if (commands.length > 0) {
    console.error(`Run, ${isRoot ? 'as root' : 'as root (sudo)'}, then run the tests again:\n`);
    for (const command of commands) console.error(`  ${command}`);
    console.error('');
  }
  process.exit(1);
}

const masked = (url) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

function parseUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    stop(`HUB_TEST_DATABASE_URL is not a URL: ${masked(text)}`, []);
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) stop(`HUB_TEST_DATABASE_URL must be a postgres:// URL, got ${masked(text)}`, []);
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, '') || 'postgres',
  };
}

const target = parseUrl(databaseUrl);
const isLocal = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(target.host);

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Logs in as the tests will (TCP, password). psql when present, otherwise a bare TCP probe. */
async function databaseAnswers() {
  if (onPath('psql')) {
    const result = run('psql', [databaseUrl, '-tAc', 'SELECT 1'], { env: { ...process.env, PGCONNECT_TIMEOUT: String(CONNECT_TIMEOUT_S) } });
    return { ok: result.ok && result.stdout.trim() === '1', why: result.stderr.trim() };
  }
  const reachable = await new Promise((resolve) => {
    const socket = net.connect({ host: target.host, port: target.port, timeout: CONNECT_TIMEOUT_S * 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
  return { ok: reachable, why: reachable ? '' : `nothing listens on ${target.host}:${target.port}` };
}

async function waitForDatabase() {
  const until = Date.now() + SERVER_START_WAIT_MS;
  let last = await databaseAnswers();
  while (!last.ok && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    last = await databaseAnswers();
  }
  return last;
}

const sqlText = (value) => `'${value.replace(/'/g, "''")}'`;
const sqlName = (value) => `"${value.replace(/"/g, '""')}"`;

/** The commands that give a fresh Debian machine a server and the tests' role. */
function postgresCommands(version = '15', cluster = 'main') {
  return [
    `pg_ctlcluster ${version} ${cluster} start`,
    `runuser -u postgres -- psql -p ${target.port} -c ${JSON.stringify(`CREATE ROLE ${sqlName(target.user)} LOGIN SUPERUSER PASSWORD ${sqlText(target.password)}`)}`,
  ];
}

/** Clusters from Debian's pg_lsclusters: version, name, port, online. */
function clusters() {
  const result = run('pg_lsclusters', ['--no-header']);
  if (!result.ok) return [];
  return result.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 4)
    .map(([version, name, port, status]) => ({ version, name, port: Number(port), online: status.startsWith('online') }));
}

// 1. What is missing that only a package install can give.
const packages = [];
if (!executable(chromiumPath)) {
  if (chromiumPath !== DEBIAN_CHROMIUM && process.env.CHROMIUM_PATH) {
    stop(`CHROMIUM_PATH is ${chromiumPath}, and no executable is there. Point it at a Chromium, or unset it to use Debian's (${DEBIAN_CHROMIUM}).`, []);
  }
  packages.push('chromium');
}
if (!onPath('openssl')) packages.push('openssl');
if (!onPath('mutool')) packages.push('mupdf-tools');
let database = await databaseAnswers();
if (!database.ok && !isLocal) {
  stop(`the test database at HUB_TEST_DATABASE_URL=${masked(databaseUrl)} does not answer (${database.why || 'no answer'}). Start that server, or unset the variable to use a local one.`, []);
}
if (!database.ok && !onPath('pg_ctlcluster')) packages.push('postgresql');

if (packages.length > 0) {
  const install = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const later = packages.includes('postgresql') ? postgresCommands() : [];
  if (!isRoot || !onPath('apt-get')) stop(`missing ${packages.map((name) => `Debian's ${name}`).join(' and ')}.`, [install, ...later]);
  say(`installing ${packages.join(', ')} from Debian (apt-get), once for this machine`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A failed list update (a mirror down) still leaves the lists of the last one to install from.
  if (!run('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).ok) say('apt-get update failed; installing from the package lists already here');
  const installed = run('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).ok;
  if (!installed) stop(`apt-get could not install ${packages.join(', ')} (see above).`, [install, ...later]);
  if (!executable(chromiumPath)) stop(`Chromium is still not at ${chromiumPath} after the install.`, []);
}

// 2. The local server: started, and the tests' role able to log in over TCP with its password.
if (!database.ok) {
  let found = clusters();
  if (found.length === 0 && isRoot) {
    // The package makes a cluster on install; create one if that step was skipped.
    const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
    if (versions[0] !== undefined) run('pg_createcluster', [versions[0], 'main', '--port', String(target.port)], { stdio: 'inherit' });
    found = clusters();
  }
  const cluster = found.find((entry) => entry.port === target.port) ?? found[0];
  if (cluster === undefined) stop('PostgreSQL is installed but has no cluster.', [`pg_createcluster 15 main --port ${target.port}`, ...postgresCommands()]);
  if (cluster.port !== target.port) {
    stop(`the PostgreSQL cluster ${cluster.version}/${cluster.name} listens on port ${cluster.port}, not ${target.port}. Set HUB_TEST_DATABASE_URL to its port.`, []);
  }
  if (!isRoot) {
    const commands = postgresCommands(cluster.version, cluster.name);
    stop(`the test database at ${masked(databaseUrl)} does not answer (${database.why || 'no answer'}).`, cluster.online ? commands.slice(1) : commands);
  }
  if (!cluster.online) {
    say(`starting PostgreSQL ${cluster.version}/${cluster.name}`);
    const started = run('pg_ctlcluster', [cluster.version, cluster.name, 'start'], { stdio: 'inherit' });
    if (!started.ok) stop(`PostgreSQL ${cluster.version}/${cluster.name} did not start; see /var/log/postgresql/postgresql-${cluster.version}-${cluster.name}.log.`, postgresCommands(cluster.version, cluster.name));
  }
  database = await waitForDatabase();
  if (!database.ok) {
    // The server runs; the role may be missing. Create it; never change an existing role.
    const asPostgres = (sql) => run('runuser', ['-u', 'postgres', '--', 'psql', '-p', String(target.port), '-v', 'ON_ERROR_STOP=1', '-tAc', sql]);
    const exists = asPostgres(`SELECT 1 FROM pg_roles WHERE rolname = ${sqlText(target.user)}`);
    if (exists.ok && exists.stdout.trim() === '1') {
      stop(`the role ${target.user} exists but cannot log in to ${masked(databaseUrl)} (${database.why}). Fix its password, or set HUB_TEST_DATABASE_URL to one that works.`, [
        `runuser -u postgres -- psql -p ${target.port} -c ${JSON.stringify(`ALTER ROLE ${sqlName(target.user)} LOGIN PASSWORD ${sqlText(target.password)}`)}`,
      ]);
    }
    say(`creating the test role ${target.user}`);
    const role = asPostgres(`CREATE ROLE ${sqlName(target.user)} LOGIN SUPERUSER PASSWORD ${sqlText(target.password)}`);
    if (!role.ok) stop(`could not create the role ${target.user}: ${role.stderr.trim()}`, postgresCommands(cluster.version, cluster.name).slice(1));
    database = await waitForDatabase();
  }
  if (!database.ok) stop(`the test database at ${masked(databaseUrl)} still does not answer: ${database.why}`, []);
}

say(`Chromium ${chromiumPath}; PostgreSQL ${masked(databaseUrl)} (HUB_TEST_DATABASE_URL)`);

/**
 * Services the PostgreSQL API tier runs through (issue 23, ADR 0022), started by scripts/test.ts
 * and always torn down with it:
 * - PgBouncer in transaction mode in front of the CI cluster: the tier's app connections go through
 *   it (TEST_PG_POOLER_URL), so per-transaction role and tenant settings are proven to hold there;
 * - a streaming replica of the CI cluster (pg_basebackup into a temp dir, a second port): the public
 *   API test files run with READ_DATABASE_URL pointing at it (TEST_PG_REPLICA_URL).
 * Both run as the `postgres` user when started by root (neither runs as root), in temp dirs.
 */
import { spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Service = { name: string; url: string; stop(): void };

const isRoot = process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a command as `postgres` when we are root (PostgreSQL and PgBouncer refuse root). */
function runAs(command: string, args: string[]): { ok: boolean; output: string } {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 300_000 });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`,
  };
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const owner = postgresUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(host: string, port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 5; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin'])) {
    const full = path.join(dir, command);
    if (existsSync(full)) return full;
  }
  return undefined;
}

function postgresBin(tool: string): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const full = path.join(root, v, 'bin', tool);
      if (existsSync(full)) return full;
    }
  }
  return which(tool);
}

/** PgBouncer (transaction mode) in front of `upstream`; throws with the reason when it cannot start. */
export async function startPgBouncer(upstream: URL, options: { poolSize?: number } = {}): Promise<Service> {
  const binary = which('pgbouncer');
  if (!binary) throw new Error('pgbouncer is not installed (Debian package `pgbouncer`)');
  const dir = tempDir('tsunagari-pgbouncer-');
  const port = await freePort();
  const user = decodeURIComponent(upstream.username || 'postgres');
  writeFileSync(path.join(dir, 'userlist.txt'), `"${user}" ""\n`);
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${upstream.hostname} port=${upstream.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 1000',
      `default_pool_size = ${options.poolSize ?? 20}`,
      `max_db_connections = ${options.poolSize ?? 0}`,
      // Test databases come and go: do not keep server connections to dropped ones around.
      'server_idle_timeout = 10',
      'ignore_startup_parameters = extra_float_digits,options',
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  const owner = postgresUser();
  if (owner)
    for (const f of ['userlist.txt', 'pgbouncer.ini']) chownSync(path.join(dir, f), owner.uid, owner.gid);
  const started = runAs(binary, ['-d', path.join(dir, 'pgbouncer.ini')]);
  const stop = () => {
    const pidFile = path.join(dir, 'pgbouncer.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      try {
        if (pid > 0) process.kill(pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  if (!started.ok || !(await waitFor('127.0.0.1', port, 10))) {
    const log = existsSync(path.join(dir, 'pgbouncer.log'))
      ? readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8')
      : '';
    stop();
    throw new Error(`pgbouncer did not start: ${started.output}${log}`.slice(0, 2000));
  }
  const url = new URL(upstream);
  url.port = String(port);
  return { name: 'pgbouncer', url: url.toString(), stop };
}

/** A streaming replica of `primary` on a free port; throws with the reason when it cannot start. */
/** Drops inactive `tsunagari_replica_<pid>_…` slots whose process no longer runs. */
function dropAbandonedReplicaSlots(onPrimary: (statement: string) => { ok: boolean; output: string }) {
  const listed = onPrimary(
    "select slot_name from pg_replication_slots where slot_name like 'tsunagari_replica_%' and not active",
  );
  if (!listed.ok) return;
  for (const name of listed.output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const pid = Number(name.split('_')[2]);
    if (Number.isInteger(pid) && pid > 0 && processRuns(pid)) continue;
    onPrimary(`select pg_drop_replication_slot('${name.replace(/[^a-z0-9_]/g, '')}')`);
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startReplica(primary: URL): Promise<Service> {
  const basebackup = postgresBin('pg_basebackup');
  const pgCtl = postgresBin('pg_ctl');
  const psql = postgresBin('psql');
  if (!basebackup || !pgCtl || !psql)
    throw new Error('pg_basebackup / pg_ctl / psql not found (/usr/lib/postgresql/*/bin)');
  const dir = tempDir('tsunagari-replica-');
  const data = path.join(dir, 'data');
  const port = await freePort();
  const user = decodeURIComponent(primary.username || 'postgres');
  const onPrimary = (statement: string) =>
    runAs(psql, [
      '-h',
      primary.hostname,
      '-p',
      primary.port || '5432',
      '-U',
      user,
      '-d',
      'postgres',
      '-Atc',
      statement,
    ]);
  // A replication slot keeps the primary's WAL until the replica has it: without one, heavy writes
  // elsewhere on the cluster (another test tier, a benchmark's data load) recycled segments the
  // replica had not fetched yet, and it stopped for good ("requested WAL segment … has already been
  // removed"). Slots of replicas whose process is gone are dropped first: a slot nobody reads would
  // keep WAL for ever.
  dropAbandonedReplicaSlots(onPrimary);
  const slot = `tsunagari_replica_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const stop = () => {
    if (existsSync(path.join(data, 'postmaster.pid')))
      runAs(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']);
    rmSync(dir, { recursive: true, force: true });
    onPrimary(
      `select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '${slot}'`,
    );
  };
  const backup = runAs(basebackup, [
    '-C',
    '-S',
    slot,
    '-h',
    primary.hostname,
    '-p',
    primary.port || '5432',
    '-U',
    user,
    '-D',
    data,
    '-X',
    'stream',
    '-R',
    '-c',
    'fast',
  ]);
  if (!backup.ok) {
    stop();
    throw new Error(
      `pg_basebackup failed (the cluster must allow replication from 127.0.0.1: pg_hba "host replication all 127.0.0.1/32 trust"): ${backup.output}`.slice(
        0,
        2000,
      ),
    );
  }
  // Debian keeps the configuration outside the data directory: the replica gets a minimal one.
  const owner = postgresUser();
  const write = (name: string, text: string) => {
    writeFileSync(path.join(data, name), text);
    if (owner) chownSync(path.join(data, name), owner.uid, owner.gid);
  };
  write(
    'postgresql.conf',
    [
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${dir}'`,
      'hot_standby = on',
      'max_connections = 200',
      'shared_buffers = 64MB',
      // Long public reads on the replica must not be cancelled by replay while a test reads.
      'max_standby_streaming_delay = 30s',
      "log_destination = 'stderr'",
      '',
    ].join('\n'),
  );
  write('pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  const started = runAs(pgCtl, ['start', '-D', data, '-l', path.join(dir, 'replica.log'), '-w', '-t', '60']);
  if (!started.ok) {
    const log = existsSync(path.join(dir, 'replica.log'))
      ? readFileSync(path.join(dir, 'replica.log'), 'utf8')
      : '';
    stop();
    throw new Error(`the replica did not start: ${started.output}${log}`.slice(0, 2000));
  }
  const url = new URL(primary);
  url.port = String(port);
  url.pathname = '/postgres';
  return { name: 'replica', url: url.toString(), stop };
}

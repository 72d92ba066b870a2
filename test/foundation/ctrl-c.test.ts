import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeFlags } from '../support/node-flags.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'cur-ctrl-c-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Ctrl+C on `npm start` with the embedded database', () => {
  it('stops in order, exit code 0, without a single warning or error line', async () => {
    // A terminal runs the command as a process group and sends Ctrl+C's SIGINT to all of it.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      DEMO: '0',
      LOG_LEVEL: 'info',
    };
    const child = spawn(process.execPath, [...startNodeFlags(), '--import', 'tsx', 'core/main.ts'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, any>[] = [];
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line);
        lines.push(entry);
        const started = /^ЦУР API: (http:\S+)\/graphql$/.exec(entry.msg ?? '');
        if (started) resolve(started[1]);
      });
      void exit.then((code) => reject(new Error(`the server exited (${code}) before it started: ${stderr.slice(-2000)}`)));
    });
    // Connections in the pool, a listener on the bus, jobs polling: what Ctrl+C has to wind down.
    const health = await fetch(`${url.replace('localhost', '127.0.0.1')}/health`);
    expect(health.status).toBe(200);
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

    process.kill(-child.pid!, 'SIGINT');
    expect(await exit).toBe(0);
    const loud = lines.filter((entry) => Number(entry.level) >= 40);
    expect(loud.map((entry) => entry.msg)).toEqual([]);
    expect(stderr).toBe('');
    expect(lines.at(-1)?.msg).toBe('stopped');
    expect(alive(postmaster)).toBe(false);
  }, 120_000);
});

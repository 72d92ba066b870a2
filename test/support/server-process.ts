import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startNodeFlags } from './node-flags.js';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  /** Every log line the process wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Resolves with the first log line that `match` accepts (one already written counts). */
  waitForLog(match: (line: Record<string, unknown>) => boolean, what: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
  /** Sends a signal (e.g. SIGKILL: no shutdown hooks run) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `core/main.ts` (what `npm start` runs) as a separate OS process on
 * the given database, on a free port, and reads its JSON log.
 */
export async function startServerProcess(env: Record<string, string>, options: { startTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...startNodeFlags(), '--import', 'tsx', 'core/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', DEMO: '0', NODE_ENV: 'test', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const listeners = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line));
    } catch {
      logs.push({ msg: line });
    }
    listeners.forEach((l) => l());
  });
  child.stderr!.on('data', (chunk) => stderr.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForLog: ServerProcess['waitForLog'] = (match, what, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = logs.find(match);
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`server process: timed out waiting for ${what}; stderr: ${stderr.join('').slice(-2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      void exited.then((code) => {
        if (!listeners.has(check)) return;
        done();
        reject(new Error(`server process exited (${code}) before ${what}; stderr: ${stderr.join('').slice(-2000)}`));
      });
      listeners.add(check);
      check();
    });

  try {
    const started = await waitForLog((line) => typeof line.port === 'number' && String(line.msg).includes('ЦУР API'), 'start-up', options.startTimeoutMs);
    return {
      url: `http://127.0.0.1:${started.port}`,
      logs,
      waitForLog,
      async stop() {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      },
      async kill(signal) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      },
    };
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  }
}

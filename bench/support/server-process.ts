import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resident set size of the process now, in bytes (Linux /proc). */
  rss(): number;
  /** SIGTERM and wait for the exit (SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** Sends a signal (e.g. SIGKILL) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** What the process printed, for diagnostics. */
  output(): string;
}

export interface SpawnOptions {
  /** The command: a script run by node (with tsx when it ends in .ts), or an executable. */
  command: string;
  args?: string[];
  env?: Record<string, string>;
  /** Working directory (default: this one). */
  cwd?: string;
  /** Flags for node before the script (e.g. startNodeFlags()). */
  nodeFlags?: string[];
  /** The URL the caller talks to, and where readiness is checked (GET must answer < 500). */
  url: string;
  readyPath?: string;
  readyTimeoutMs?: number;
}

/** The flags of `npm start` (test/support/node-flags.ts): a benchmark measures the server as it runs. */
export { startNodeFlags } from '../../test/support/node-flags.js';

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/**
 * Starts a server in a process of its own (so that its memory is measured
 * alone and it can be killed) and waits until it answers.
 */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const isTs = options.command.endsWith('.ts');
  const isJs = options.command.endsWith('.js');
  const [command, args] = isTs
    ? [process.execPath, [...(options.nodeFlags ?? []), '--import', require.resolve('tsx'), options.command, ...(options.args ?? [])]]
    : isJs
      ? [process.execPath, [options.command, ...(options.args ?? [])]]
      : [options.command, options.args ?? []];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (gone) throw new Error(`${options.command} exited before it was ready:\n${output}`);
    try {
      const response = await fetch(`${options.url}${options.readyPath ?? '/health'}`);
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.command} did not answer within the timeout:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const kill = async (signal: NodeJS.Signals) => {
    if (!gone) child.kill(signal);
    await exited;
  };
  return {
    url: options.url,
    pid: child.pid!,
    child,
    rss: () => rssOf(child.pid!),
    kill,
    async stop() {
      if (gone) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await kill('SIGTERM');
      clearTimeout(timer);
    },
    output: () => output,
  };
}

/** CPU time (user + system) the process has used so far, in milliseconds (Linux /proc). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

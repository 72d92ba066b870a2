import autocannon from 'autocannon';
import { cpuMsOf, rssOf } from './server-process.js';

export interface LoadTarget {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The process serving it: its memory is sampled and its CPU time counted during the load. */
  pid?: number;
}

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Highest resident set size seen during the load, bytes (when a process was given). */
  peakRss: number | null;
  /**
   * CPU time the server process spent per request, ms. On a machine shared
   * with other work, requests/s and latency move with the neighbours' load;
   * this figure hardly does, so it is the one to compare across runs.
   */
  cpuMsPerRequest: number | null;
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  /** Requests sent before measuring, so that the JIT, pools and caches are warm. */
  warmupRequests: number;
}

export function loadSettings(env = process.env): LoadSettings {
  return {
    connections: Number(env.BENCH_CONNECTIONS ?? 10),
    durationSeconds: Number(env.BENCH_DURATION ?? 10),
    warmupRequests: Number(env.BENCH_WARMUP ?? 1000),
  };
}

function run(target: LoadTarget, connections: number, limit: { duration: number } | { amount: number }) {
  return autocannon({
    url: target.url,
    method: target.method ?? 'POST',
    headers: target.headers,
    body: target.body,
    connections,
    ...limit,
  });
}

/** A warm-up, then the measured run at a fixed concurrency. */
export async function loadTest(target: LoadTarget, settings: LoadSettings): Promise<LoadResult> {
  if (settings.warmupRequests > 0) await run(target, settings.connections, { amount: settings.warmupRequests });
  const pid = target.pid;
  let peakRss = pid ? rssOf(pid) : null;
  const sampler = pid
    ? setInterval(() => {
        peakRss = Math.max(peakRss ?? 0, rssOf(pid));
      }, 100)
    : null;
  const cpuBefore = pid ? cpuMsOf(pid) : 0;
  const result = await run(target, settings.connections, { duration: settings.durationSeconds });
  const cpuMs = pid ? cpuMsOf(pid) - cpuBefore : null;
  if (sampler) clearInterval(sampler);
  return {
    name: target.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    peakRss,
    cpuMsPerRequest: cpuMs == null || result.requests.total === 0 ? null : cpuMs / result.requests.total,
  };
}

const mb = (bytes: number | null) => (bytes == null ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

export function printTable(title: string, results: LoadResult[]): void {
  console.log(`\n${title}`);
  console.table(
    Object.fromEntries(
      results.map((r) => [
        r.name,
        {
          'req/s': Math.round(r.requestsPerSecond),
          'p50 ms': r.p50,
          'p99 ms': r.p99,
          'CPU ms/req': r.cpuMsPerRequest == null ? '—' : r.cpuMsPerRequest.toFixed(2),
          'peak RSS': mb(r.peakRss),
          'errors+non2xx': r.errors + r.non2xx,
        },
      ]),
    ),
  );
}

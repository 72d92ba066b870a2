import { readFileSync } from 'node:fs';

/**
 * The Node flags `npm start` runs the API with (package.json `config.nodeFlags`,
 * e.g. the heap limit), so that a test or a benchmark runs the server as it runs.
 */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { config?: { nodeFlags?: string } };
  return (pkg.config?.nodeFlags ?? '').split(/\s+/).filter(Boolean);
}

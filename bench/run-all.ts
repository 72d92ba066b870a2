/**
 * `npm run bench`: every `bench/*.bench.ts`, one after another, each in a
 * process of its own (so one's memory and JIT state do not colour the next).
 * A new benchmark is a new file: nothing to register.
 * `npm run bench -- read` runs only the files whose name contains "read".
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dir = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ['--import', require.resolve('tsx'), join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (failed) {
  console.error(`${failed} of ${files.length} benchmarks failed`);
  process.exit(1);
}

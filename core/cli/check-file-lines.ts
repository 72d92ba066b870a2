/**
 * `npm run lint:lines`: a TypeScript file over its cap fails the build. The
 * core, the plugins and the schema composition keep files of at most 300
 * lines (docs/architecture.md); tests and benches, which hold data tables and
 * scenarios, at most 500. Generated migrations have no cap.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const SOURCE_CAP = 300;
const TEST_CAP = 500;
/**
 * Files over the cap that another change is splitting, each with who and why;
 * the list only shrinks (a file named here that is back within its cap fails too).
 */
const BEING_SPLIT: Record<string, string> = {};

function capOf(path: string): number | null {
  if (path.startsWith('migrations/') || path.startsWith('bench/postgraphile/')) return null;
  // A sector's categories and reference data are tables of data, not code.
  if (/\.(categories|reference-data)\.ts$/.test(path)) return null;
  if (path.endsWith('.test.ts') || path.startsWith('test/') || path.startsWith('bench/')) return TEST_CAP;
  return SOURCE_CAP;
}

export function filesOverCap(root = ROOT): { path: string; lines: number; cap: number }[] {
  const over: { path: string; lines: number; cap: number }[] = [];
  for (const top of ['core', 'plugins', 'schema', 'test', 'bench']) {
    for (const entry of readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })) {
      const path = `${top}/${entry}`;
      if (!path.endsWith('.ts') || path.includes('node_modules')) continue;
      const cap = capOf(path);
      if (cap === null) continue;
      const text = readFileSync(join(root, path), 'utf8');
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      if (lines > cap !== path in BEING_SPLIT) over.push({ path, lines, cap });
    }
  }
  return over.sort((a, b) => b.lines - a.lines);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const over = filesOverCap();
  for (const file of over) {
    console.error(
      file.path in BEING_SPLIT
        ? `${file.path}: ${file.lines} lines, within its cap now: remove it from BEING_SPLIT in core/cli/check-file-lines.ts`
        : `${file.path}: ${file.lines} lines (cap ${file.cap}): split it by role`,
    );
  }
  if (over.length) process.exit(1);
  console.log('file lines: every file within its cap');
}

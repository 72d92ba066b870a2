/**
 * `npm run config:print`: writes the configuration table (every variable of
 * core/config/config.ts, its default and meaning) into docs/configuration.md
 * between `<!-- config:start -->` and `<!-- config:end -->`. A test fails
 * while the page is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { configDocGaps, renderConfigTable, withConfigTable } from '../config/config-table.js';

const gaps = configDocGaps();
if (gaps.undocumented.length || gaps.unknown.length) {
  console.error(`core/config/config-docs.json: no meaning for ${gaps.undocumented.join(', ') || '—'}; no such variable: ${gaps.unknown.join(', ') || '—'}`);
  process.exit(1);
}
const table = renderConfigTable();
writeFileSync('docs/configuration.md', withConfigTable(readFileSync('docs/configuration.md', 'utf8'), table));
console.log(table);

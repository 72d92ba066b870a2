/**
 * Prints the access matrix (core and every plugin) as Markdown and writes it
 * into docs/access.md between `<!-- access-matrix:start -->` and
 * `<!-- access-matrix:end -->`. A test fails while the page is stale.
 *   npm run access:print
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { accessMatrixFor } from '../../schema/build-schema.js';
import { allPlugins } from '../../plugins/index.js';
import { renderAccessMatrix, withMatrix } from '../auth/access-matrix-doc.js';

const table = renderAccessMatrix(accessMatrixFor(allPlugins));
const readme = readFileSync('docs/access.md', 'utf8');
writeFileSync('docs/access.md', withMatrix(readme, table));
console.log(table);

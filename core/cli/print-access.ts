/**
 * Prints the access matrix (core and every plugin) as Markdown and writes it
 * into README.md between `<!-- access-matrix:start -->` and
 * `<!-- access-matrix:end -->`. A test fails while the README is stale.
 *   npm run access:print
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { accessMatrixFor } from '../../schema/build-schema.js';
import { allPlugins } from '../../plugins/index.js';
import { renderAccessMatrix, withMatrix } from '../auth/access-matrix-doc.js';

const table = renderAccessMatrix(accessMatrixFor(allPlugins));
const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withMatrix(readme, table));
console.log(table);

import { Role } from '../entities/enums.js';
import type { Access } from './access-matrix.js';

export const MATRIX_START = '<!-- access-matrix:start -->';
export const MATRIX_END = '<!-- access-matrix:end -->';

const ROOT_ORDER = ['Query', 'Mutation', 'Subscription'];

/** The access matrix as a Markdown table: operations × roles, ✓ or —, and who may call without a token. */
export function renderAccessMatrix(matrix: Readonly<Record<string, Access>>): string {
  const roles = Object.values(Role);
  const operations = Object.keys(matrix).sort((a, b) => {
    const [typeA, nameA] = a.split('.');
    const [typeB, nameB] = b.split('.');
    return ROOT_ORDER.indexOf(typeA) - ROOT_ORDER.indexOf(typeB) || nameA.localeCompare(nameB);
  });
  const lines = [
    `| operation | anonymous | ${roles.join(' | ')} |`,
    `| --- | :-: | ${roles.map(() => ':-:').join(' | ')} |`,
    ...operations.map((operation) => {
      const access = matrix[operation];
      const cells = roles.map((role) => (access === 'PUBLIC' || access.includes(role) ? '✓' : '—'));
      return `| \`${operation}\` | ${access === 'PUBLIC' ? '✓' : '—'} | ${cells.join(' | ')} |`;
    }),
  ];
  return lines.join('\n');
}

/** The page with the matrix put between its markers; throws when the markers are missing. */
export function withMatrix(readme: string, table: string): string {
  const start = readme.indexOf(MATRIX_START);
  const end = readme.indexOf(MATRIX_END);
  if (start < 0 || end < start) throw new Error(`docs/access.md has no ${MATRIX_START} … ${MATRIX_END} markers`);
  return `${readme.slice(0, start + MATRIX_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** The matrix currently printed in docs/access.md (between the markers), or null. */
export function matrixInReadme(readme: string): string | null {
  const start = readme.indexOf(MATRIX_START);
  const end = readme.indexOf(MATRIX_END);
  if (start < 0 || end < start) return null;
  return readme.slice(start + MATRIX_START.length, end).trim();
}

import type { z } from 'zod';

/**
 * A pack that cannot be used, with one line a person can act on: the file,
 * the row (counted from 1, as an editor shows list items) and the field:
 * `regions/x/municipalities.json: row 3, field population: expected a number`.
 */
export class RegionPackError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly row?: number,
    readonly field?: string,
  ) {
    super(
      `${file}: ${[row !== undefined ? `row ${row}` : null, field ? `field ${field}` : null].filter(Boolean).join(', ')}${row !== undefined || field ? ': ' : ''}${problem}`,
    );
    this.name = 'RegionPackError';
  }
}

const ARTICLE: Record<string, string> = { array: 'an array', object: 'an object', integer: 'an integer' };
const valueAt = (data: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), data);

/** The words of one zod issue, without zod's «Invalid input:» boilerplate. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'invalid_type') {
    if (valueAt(data, issue.path) === undefined) return 'required, missing';
    return `expected ${ARTICLE[issue.expected] ?? `a ${issue.expected}`}`;
  }
  if (issue.code === 'unrecognized_keys') return 'unknown field (a typo?)';
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

/**
 * The first issue of a failed parse as a RegionPackError. `rows`: the file is
 * a list, so the path's first key is a row index.
 */
export function packIssue(file: string, issue: z.core.$ZodIssue, data: unknown, rows: boolean): RegionPackError {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : [...issue.path];
  const problem = describeIssue(issue, data);
  if (rows && typeof path[0] === 'number') {
    const [index, ...rest] = path as [number, ...PropertyKey[]];
    return new RegionPackError(file, problem, index + 1, rest.length ? rest.map(String).join('.') : undefined);
  }
  if (rows && path.length === 0) return new RegionPackError(file, issue.code === 'invalid_type' ? 'expected a list of rows (a JSON array)' : problem);
  return new RegionPackError(file, problem, undefined, path.length ? path.map(String).join('.') : undefined);
}

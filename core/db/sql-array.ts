/**
 * A PostgreSQL array literal (`{"a","b"}`) for a text[] parameter. knex
 * spreads a JS array bound to `?` into a comma list, so arrays are bound as
 * one literal instead: write `= any(?::text[])` in SQL, or pass it as the
 * value of a text[] column.
 */
export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

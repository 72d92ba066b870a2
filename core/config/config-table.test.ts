import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configDocGaps, configTableIn, renderConfigTable } from './config-table.js';

describe('docs/configuration.md', () => {
  it('gives a meaning to every variable of the config schema, and to nothing else', () => {
    expect(configDocGaps()).toEqual({ undocumented: [], unknown: [] });
  });

  it('is printed, up to date, from the schema (npm run config:print)', () => {
    const printed = configTableIn(readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8'));
    expect(printed, 'docs/configuration.md lacks the config markers').not.toBeNull();
    expect(printed, 'docs/configuration.md shows a stale table: run npm run config:print').toBe(renderConfigTable());
  });

  it('shows the schema default, once per variable', () => {
    const table = renderConfigTable();
    expect(table).toContain('| `STRUCTURING_MIN_CONFIDENCE` | `0.64` |');
    const names = table
      .split('\n')
      .slice(2)
      .map((row) => row.split('|')[1].trim());
    expect(new Set(names).size).toBe(names.length);
  });
});

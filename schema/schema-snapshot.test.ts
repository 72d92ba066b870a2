import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printAppSchema, SCHEMA_FILE } from './print-schema.js';
import { allPlugins } from '../plugins/index.js';

describe('schema/schema.graphql', () => {
  it('is the SDL of the built schema (regenerate with `npm run schema:print`)', async () => {
    const built = await printAppSchema(allPlugins);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed === built, 'schema/schema.graphql is stale: run `npm run schema:print` and commit it').toBe(true);
  });
});

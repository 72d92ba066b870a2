import { lexicographicSortSchema, printSchema } from 'graphql';
import type { SectorPlugin } from '../core/plugin-api/index.js';
import { buildAppSchema } from './build-schema.js';

export const SCHEMA_FILE = new URL('./schema.graphql', import.meta.url);

/** The SDL of the schema with the given plugins, sorted so that diffs are stable. */
export async function printAppSchema(plugins: readonly SectorPlugin[]): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema(plugins)))}\n`;
}

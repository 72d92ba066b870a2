import { lexicographicSortSchema, printSchema } from 'graphql';
import type { SectorPlugin } from '../core/plugin-api/index.js';
import { buildAppSchema } from './build-schema.js';

export const SCHEMA_FILE = new URL('./schema.graphql', import.meta.url);

/**
 * The SDL of the schema with the given plugins, sorted so that diffs are
 * stable. The channels' intake is on, as `npm start` wires it (core/main.ts),
 * so the snapshot shows what the running server serves (`registerLetter`,
 * `retryChannelRecords`).
 */
export async function printAppSchema(plugins: readonly SectorPlugin[]): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema(plugins, { channelIntake: true })))}\n`;
}

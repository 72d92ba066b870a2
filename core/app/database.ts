import { openDatabase, type Database, type DatabaseSettings } from '../db/database.js';
import { moduleEntities, moduleQueues } from './modules.js';

/** The database settings a caller gives: the core's tables and queues come from its feature modules. */
export type AppDatabaseSettings = Omit<DatabaseSettings, 'entities' | 'queues'>;

/**
 * Opens the database with the core's entities and job queues, as composed
 * from the feature modules (core/app/modules.ts): core/db names no feature,
 * so the composition root hands them in.
 */
export function openAppDatabase(settings: AppDatabaseSettings): Promise<Database> {
  return openDatabase({ ...settings, entities: moduleEntities(), queues: moduleQueues() });
}

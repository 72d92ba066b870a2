/**
 * Starts embedded PostgreSQL in the folder given as the argument, prints
 * `READY <url>`, and stays alive until killed: a server whose database
 * outlives it when it is killed with SIGKILL (test/foundation/embedded-orphan.test.ts).
 */
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.js';
import { createLogger } from '../../core/logging/logger.js';

const database = await startEmbeddedPostgres(process.argv[2]!, createLogger('silent'));
process.stdout.write(`READY ${database.url}\n`);
setInterval(() => undefined, 60_000);

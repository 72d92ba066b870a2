import cluster from 'node:cluster';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { startApp } from './server/start-app.js';
import { allPlugins } from '../plugins/index.js';
import { lifecycleIntake } from './lifecycle/lifecycle-intake.js';

/** `npm start`: configuration from the environment, graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (config.API_PROCESSES > 1 && cluster.isPrimary) return superviseWorkers(config.API_PROCESSES, logger);
  // The channels take appeals in through the lifecycle.
  const running = await startApp({ config, plugins: allPlugins, logger, intake: lifecycleIntake });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing in-flight requests');
    try {
      await running.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * API_PROCESSES > 1: this process only forks the API processes, which share
 * the port (Node's cluster hands each new connection to one of them), and
 * restarts one that dies. They share everything else through PostgreSQL:
 * migrations (an advisory lock), the job queue (pg-boss), committed events
 * (LISTEN/NOTIFY), the reference caches (change counters read per request).
 */
function superviseWorkers(count: number, logger: ReturnType<typeof createLogger>): void {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'API process exited; starting another');
    setTimeout(fork, 1_000).unref();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, processes: count }, 'stopping the API processes');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    let left = Object.keys(cluster.workers ?? {}).length;
    if (!left) process.exit(0);
    cluster.on('exit', () => --left <= 0 && process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  logger.info({ processes: count }, 'API processes started');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { startApp } from './app/start-app.js';
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

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults for everything and runs embedded without DATABASE_URL', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.DATA_DIR).toBe('./.data');
    expect(config.demo).toBe(true);
    expect(config.enabledPlugins).toBeNull();
  });

  it('stops on a malformed value with one line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT: /);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('reads the plugin list and the demo switch', () => {
    const config = loadConfig({ PLUGINS: 'housing, waste', DATABASE_URL: 'postgres://x@localhost/db', DEMO: '1' });
    expect(config.enabledPlugins).toEqual(['housing', 'waste']);
    expect(config.demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).demo).toBe(false);
  });
});

describe('live updates configuration', () => {
  it('defaults to the PostgreSQL bus, Redis when only REDIS_URL is set, and refuses redis without a URL', () => {
    expect(loadConfig({}).eventBus).toBe('pg');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).eventBus).toBe('redis');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', EVENT_BUS: 'pg' }).eventBus).toBe('pg');
    expect(loadConfig({ EVENT_BUS: 'local' }).eventBus).toBe('local');
    expect(() => loadConfig({ EVENT_BUS: 'redis' })).toThrow(/^Invalid configuration: EVENT_BUS: /);
    expect(() => loadConfig({ EVENT_BUS: 'kafka' })).toThrow(/EVENT_BUS/);
    expect(loadConfig({}).WS_MAX_QUEUE).toBe(1000);
    expect(() => loadConfig({ WS_MAX_QUEUE: '0' })).toThrow(/WS_MAX_QUEUE/);
    expect(loadConfig({}).DEADLINE_WATCH_INTERVAL_SECONDS).toBe(60);
  });
});

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

  it('has safe limits by default, and switches for introspection and GraphiQL', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ MAX_PAGE_SIZE: 500, GRAPHQL_MAX_DEPTH: 10, HTTP_BODY_LIMIT_MB: 16, RATE_LIMIT_PER_MINUTE: 600 });
    expect(config.introspection).toBe(true);
    expect(config.graphiql).toBe(true);
    const closed = loadConfig({ INTROSPECTION: '0', GRAPHIQL: '0' });
    expect(closed.introspection).toBe(false);
    expect(closed.graphiql).toBe(false);
    expect(() => loadConfig({ INTROSPECTION: 'no' })).toThrow(/INTROSPECTION/);
    expect(() => loadConfig({ MAX_PAGE_SIZE: '0' })).toThrow(/MAX_PAGE_SIZE/);
  });
});

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
    const config = loadConfig({ PLUGINS: 'housing, waste', DATABASE_URL: 'postgres://x@localhost/db', JWT_SECRET: 'a-secret-of-16-chars+', DEMO: '1' });
    expect(config.enabledPlugins).toEqual(['housing', 'waste']);
    expect(config.demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', JWT_SECRET: 'a-secret-of-16-chars+' }).demo).toBe(false);
  });

  it('reads deadline overrides (DEADLINE_POLICY, JSON) over the defaults and refuses a malformed one', () => {
    const config = loadConfig({
      DEADLINE_POLICY: JSON.stringify({
        atRiskShare: 0.3,
        channels: { POS: { regime: 'MESSAGE', codePrefix: 'POS', basis: 'регламент', answer: { workingDays: 5 } } },
      }),
    });
    expect(config.deadlinePolicy.atRiskShare).toBe(0.3);
    expect(config.deadlinePolicy.channels.POS).toMatchObject({ answer: { workingDays: 5 } });
    expect(config.deadlinePolicy.fz59.answer).toEqual({ calendarDays: 30 });
    expect(loadConfig({}).deadlinePolicy.channels.POS).toMatchObject({ answer: { workingDays: 10 } });
    expect(() => loadConfig({ DEADLINE_POLICY: '{"atRiskShare": 2}' })).toThrow(/^Invalid configuration: DEADLINE_POLICY: atRiskShare/);
    expect(() => loadConfig({ DEADLINE_POLICY: 'not json' })).toThrow(/DEADLINE_POLICY/);
  });

  it('has the lifecycle settings with their defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ STRUCTURING_MIN_CONFIDENCE: 0.64, REPEAT_WINDOW_DAYS: 30, SATISFACTION_LINK_TTL_DAYS: 30, HTTP_BODY_LIMIT_MB: 16 });
    expect(() => loadConfig({ STRUCTURING_MIN_CONFIDENCE: '1.5' })).toThrow(/STRUCTURING_MIN_CONFIDENCE/);
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

describe('hardening configuration', () => {
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

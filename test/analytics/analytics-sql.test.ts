/**
 * The analytics' own SQL pieces: the settings of an analytics statement, and
 * the appeal scope and AppealFilter as fragments (core/analytics/measures/appeal-conditions.ts),
 * which must select exactly the appeals that `appeals` lists for every role and filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role, DeadlineState } from '../../core/entities/enums.js';
import type { AuthUser } from '../../core/auth/auth-user.js';
import type { AppealFilter } from '../../core/appeals/appeal-filter.input.js';
import { listAppeals } from '../../core/appeals/appeal-query.service.js';
import { and, query, sql } from '../../core/db/sql.js';
import { runAnalyticsQuery, runAnalyticsWork, type AnalyticsContext } from '../../core/analytics/measures/analytics-context.js';
import { appealFilterSql, appealScopeSql } from '../../core/analytics/measures/appeal-conditions.js';
import { loadFixture, NOW, type Fixture } from './fixture.js';

let t: TestApp;
let fx: Fixture;
beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  fx = await loadFixture(t, 300);
});
afterAll(() => t?.stop());

const CURATOR: AuthUser = { id: 'analytics-sql', role: Role.CURATOR, organizationId: null, sectors: [] };
const ctx = (): AnalyticsContext => ({ em: t.em(), app: t.running.app, user: CURATOR, now: NOW });

describe('analytics statements', () => {
  it('run with ANALYTICS_WORK_MEM, ANALYTICS_STATEMENT_TIMEOUT_MS and no JIT, for their transaction only', async () => {
    const settings = sql`select current_setting('work_mem') as work_mem, (select setting from pg_settings where name = 'statement_timeout') as timeout, current_setting('jit') as jit`;
    const { config } = t.running.app;
    const expected = { work_mem: config.ANALYTICS_WORK_MEM, jit: 'off' };
    const [inside] = await runAnalyticsQuery(ctx(), settings);
    expect(inside).toMatchObject(expected);
    expect(inside.timeout).toBe(String(config.ANALYTICS_STATEMENT_TIMEOUT_MS));
    const [work] = await runAnalyticsWork(ctx(), (run) => run(settings));
    expect(work).toEqual(inside);
    const [outside] = await query<Record<string, string>>(t.em(), settings);
    expect(outside.work_mem).not.toBe(config.ANALYTICS_WORK_MEM);
  });
});

describe('scope and filter as fragments', () => {
  const users = (): AuthUser[] => [
    CURATOR,
    { id: 'op', role: Role.ORG_OPERATOR, organizationId: fx.orgIds.get('adm-volzhsk')!, sectors: [] },
    { id: 'op-none', role: Role.ORG_OPERATOR, organizationId: null, sectors: [] },
    { id: 'sector', role: Role.SECTOR_SPECIALIST, organizationId: null, sectors: ['housing', 'roads'] },
    { id: 'observer', role: Role.MINISTRY_OBSERVER, organizationId: null, sectors: ['health'] },
    { id: 'integration', role: Role.INTEGRATION, organizationId: null, sectors: [] },
  ];
  const filters = (): AppealFilter[] => {
    const one = fx.appeals[0];
    return [
      {},
      { status: ['CLOSED', 'NEW'] },
      { channel: ['POS', 'EMAIL'] },
      { organizationId: [fx.orgIds.get('gzhi')!, fx.orgIds.get('min-health')!] },
      { municipalityId: [fx.municipalities.get('volzhsk')!.id] },
      { assigneeId: fx.appeals.filter((a) => a.assigneeId).map((a) => a.assigneeId!) },
      { sector: ['housing'] },
      { category: ['roads.potholes', 'health.drugs'] },
      { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
      { receivedFrom: new Date('2026-02-01T00:00:00Z') },
      { due: { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') } },
      { deadlineState: [DeadlineState.OVERDUE, DeadlineState.AT_RISK] },
      { deadlineState: [DeadlineState.MET] },
      { isRepeat: true },
      { needsStructuring: false },
      { overdue: true },
      { overdue: false },
      { search: one.number },
      { search: 'отопление' },
      { sector: ['housing'], overdue: false, channel: ['POS'] },
    ] as AppealFilter[];
  };

  /** Every appeal `appeals` lists, page after page. */
  async function listed(user: AuthUser, filter: AppealFilter): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await listAppeals(t.em(), user, { filter, first: 500, after }, NOW);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) return ids.sort();
      after = page.pageInfo.endCursor;
    }
  }

  it('select what `appeals` lists, for every role and filter', async () => {
    const share = t.running.app.config.deadlinePolicy.atRiskShare;
    let nonEmpty = 0;
    for (const user of users()) {
      for (const filter of filters()) {
        const where = and([...appealFilterSql(filter, NOW, share), ...appealScopeSql(user)]);
        const rows = await query<{ id: string }>(t.em(), sql`select a.id from appeal as a where ${where}`);
        const ids = rows.map((r) => r.id).sort();
        expect(ids, `${user.role} ${JSON.stringify(filter)}`).toEqual(await listed(user, filter));
        if (ids.length) nonEmpty++;
      }
    }
    // The comparison means something: most questions find appeals.
    expect(nonEmpty).toBeGreaterThan(60);
  });

  it('refuse a filter whose deprecated field contradicts its new name, as `appeals` does', () => {
    const filter = { from: new Date('2026-01-01T00:00:00Z'), receivedFrom: new Date('2026-02-01T00:00:00Z') } as AppealFilter;
    expect(() => appealFilterSql(filter, NOW)).toThrow(/receivedFrom/);
  });
});

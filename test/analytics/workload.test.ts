import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { loadFixture, NOW, OPEN, type Fixture, type FxAppeal } from './fixture.js';
import { isOverdue, responseHours } from './recompute.js';

let t: TestApp;
let fx: Fixture;
let head: string;
const FROM = new Date('2026-05-01T00:00:00+03:00');
const TO = new Date('2026-06-01T00:00:00+03:00');

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW), env: { WORKLOAD_NORM_OPEN_PER_SPECIALIST: '10' } });
  fx = await loadFixture(t);
  ({ token: head } = await t.user(Role.CENTER_HEAD));
});
afterAll(() => t?.stop());

const Q = `query W($sector: String, $from: DateTime, $to: DateTime) { workload(sector: $sector, from: $from, to: $to) {
  kind name specialist { id } sector { code } open inWork overdue answered avgHandlingHours unassigned
  specialistsPresent specialistsNeeded norm proposal } }`;

function expected(list: FxAppeal[]) {
  const answeredIn = (a: FxAppeal) => Boolean(a.answeredAt && a.answeredAt >= FROM && a.answeredAt < TO);
  const relevant = list.filter((a) => OPEN.includes(a.status) || answeredIn(a));
  const hours = relevant.filter(answeredIn).map(responseHours);
  return {
    open: relevant.filter((a) => OPEN.includes(a.status)).length,
    inWork: relevant.filter((a) => a.status === 'IN_PROGRESS').length,
    overdue: relevant.filter((a) => isOverdue(a)).length,
    answered: relevant.filter(answeredIn).length,
    avgHandlingHours: hours.length ? hours.reduce((x, y) => x + y, 0) / hours.length : null,
    unassigned: relevant.filter((a) => OPEN.includes(a.status) && !a.assigneeId).length,
  };
}

describe('workload', () => {
  it('counts per specialist and per sector block as a recomputation does, with the staffing proposal at the configured norm', async () => {
    const r = await t.gql(Q, { from: FROM, to: TO }, head);
    expect(r.errors).toBeUndefined();
    const sectors = r.data.workload.filter((row: any) => row.kind === 'SECTOR');
    const people = r.data.workload.filter((row: any) => row.kind === 'SPECIALIST');
    expect(sectors.map((s: any) => s.sector.code).sort()).toEqual(['health', 'housing', 'roads']);
    for (const row of sectors) {
      const e = expected(fx.appeals.filter((a) => a.sector === row.sector.code));
      expect(row).toMatchObject({ open: e.open, inWork: e.inWork, overdue: e.overdue, answered: e.answered, unassigned: e.unassigned, norm: 10 });
      // Hours for people: one decimal place.
      if (e.avgHandlingHours != null) expect(row.avgHandlingHours).toBe(Math.round(e.avgHandlingHours * 10) / 10);
      // The fixture's appeals are held by bodies' operators: not the ЦУР's specialists, so nobody is "present".
      expect(row.specialistsPresent).toBe(0);
      expect(row.specialistsNeeded).toBe(Math.ceil(e.open / 10));
      expect(row.proposal).toContain(`нужно ${Math.ceil(e.open / 10)}, работает 0`);
    }
    // Operators hold the fixture's appeals; they are no rows of the ЦУР's workload.
    expect(people).toEqual([]);
  });

  it('counts a centre specialist who holds appeals, in a row of their own and as present in the block', async () => {
    const specialist = await t.user(Role.CENTER_SPECIALIST);
    const roadsOpen = fx.appeals.filter((a) => a.sector === 'roads' && OPEN.includes(a.status)).slice(0, 3);
    await t.asOwner('update appeal set assignee_id = $1 where id = any($2::uuid[])', [specialist.id, roadsOpen.map((a) => a.id)]);
    try {
      const r = await t.gql(Q, { sector: 'roads', from: FROM, to: TO }, head);
      const people = r.data.workload.filter((row: any) => row.kind === 'SPECIALIST');
      expect(people.map((row: any) => row.specialist.id)).toEqual([specialist.id]);
      expect(people[0].open).toBe(3);
      expect(r.data.workload.find((row: any) => row.kind === 'SECTOR').specialistsPresent).toBe(1);
    } finally {
      await t.asOwner('update appeal set assignee_id = null where assignee_id = $1', [specialist.id]);
    }
  });

  it("counts the block's own specialists as present and proposes to add when short", async () => {
    for (let i = 0; i < 3; i++) await t.user(Role.SECTOR_SPECIALIST, { sectors: ['roads'] });
    const r = await t.gql(Q, { sector: 'roads', from: FROM, to: TO }, head);
    const roads = r.data.workload.find((row: any) => row.kind === 'SECTOR');
    const e = expected(fx.appeals.filter((a) => a.sector === 'roads'));
    expect(r.data.workload.filter((row: any) => row.kind === 'SECTOR')).toHaveLength(1);
    expect(roads.specialistsPresent).toBe(3);
    const needed = Math.ceil(e.open / 10);
    expect(roads.proposal).toMatch(needed > 3 ? /^Добавить/ : /^Штата достаточно/);
  });

  it("shows an operator only its own body's workload", async () => {
    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: 'gzhi' });
    const r = await t.gql(Q, { from: FROM, to: TO }, token);
    const open = r.data.workload.filter((row: any) => row.kind === 'SECTOR').reduce((s: number, row: any) => s + row.open, 0);
    expect(open).toBe(fx.appeals.filter((a) => a.org === 'gzhi' && OPEN.includes(a.status)).length);
  });
});

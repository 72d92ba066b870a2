import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { query, sql } from '../../core/db/sql.js';
import { streetOf } from '../../core/analytics/problems.service.js';
import { countConflicts, findConflicts } from '../../core/analytics/conflicts.service.js';
import { computeWorkload } from '../../core/analytics/workload.service.js';
import { WorkloadKind } from '../../core/analytics/workload.types.js';
import { reportLanes } from '../../core/monthly-report/report-lanes.js';
import type { AuthUser } from '../../core/auth/auth-user.js';
import { loadFixture, NOW, type Fixture, type FxAppeal } from './fixture.js';

/** The monthly report's sections that read less than they used to: each against a recomputation or the full question. */
let t: TestApp;
let fx: Fixture;
let head: string;
const month = (m: string) => new Date(`${m}-01T00:00:00+03:00`);

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  fx = await loadFixture(t);
  ({ token: head } = await t.user(Role.CENTER_HEAD));
});
afterAll(() => t?.stop());

const context = (user: AuthUser) => ({ em: t.em(), app: t.running.app, user, now: NOW });
const curator: AuthUser = { id: 'curator', role: Role.CURATOR, organizationId: null, sectors: [] };
/** DEFINITIONS.overdueAtMonthEnd (the fixture's closed appeals closed when answered), as monthly-report.test.ts recomputes it. */
const overdueAt = (a: FxAppeal, at: Date) =>
  a.receivedAt < at && a.dueAt < at && (!a.answeredAt || a.answeredAt >= at) && a.status !== 'REJECTED' && !(a.pausedAt && a.pausedAt <= at);

describe('monthly report sections', () => {
  it("lists each body's five oldest appeals overdue at the end of the month (by due date, then number), those answered since too", async () => {
    // An appeal answered in June after a term long past: overdue at the end of May, and its body's oldest then (the second half).
    const late = fx.appeals.find((a) => a.orgId && a.receivedAt < month('2026-06') && a.answeredAt && a.answeredAt >= month('2026-06') && !a.pausedAt)!;
    const due = late.dueAt;
    late.dueAt = new Date('2020-01-05T09:00:00Z');
    await t.asOwner('update appeal set due_at = $1 where id = $2', [late.dueAt, late.id]);
    let answeredSince = 0;
    try {
      // Every month of the fixture's last year: some of them list an appeal answered after the month's end.
      const months = Array.from({ length: 13 }, (_, i) => new Date(Date.UTC(2025, 5 + i, 1)).toISOString().slice(0, 7));
      for (const [m, end] of months.map((x, i) => [x, i < 12 ? month(months[i + 1]) : NOW] as const)) {
        const r = await t.gql(
          `query M($m: String!) { monthlyReport(month: $m) { overdue { organization count appeals { number daysOverdue } } } }`,
          { m },
          head,
        );
        expect(r.errors, m).toBeUndefined();
        const overdue = fx.appeals.filter((a) => overdueAt(a, end));
        const bodies = new Map<string | null, FxAppeal[]>();
        for (const a of overdue) bodies.set(a.orgId, [...(bodies.get(a.orgId) ?? []), a]);
        const sections = r.data.monthlyReport.overdue;
        expect(sections.length, m).toBe(Math.min(15, bodies.size));
        for (const section of sections) {
          const body = overdue.find((a) => a.number === section.appeals[0].number)!.orgId;
          const own = bodies.get(body)!;
          const oldest = [...own].sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || (x.number < y.number ? -1 : x.number > y.number ? 1 : 0)).slice(0, 5);
          expect(section.count, `${m} ${section.organization}`).toBe(own.length);
          expect(
            section.appeals.map((a: any) => a.number),
            `${m} ${section.organization}`,
          ).toEqual(oldest.map((a) => a.number));
          answeredSince += oldest.filter((a) => a.answeredAt).length;
        }
        expect(sections.map((s: any) => s.count)).toEqual([...sections.map((s: any) => s.count)].sort((x, y) => y - x));
      }
    } finally {
      late.dueAt = due;
      await t.asOwner('update appeal set due_at = $1 where id = $2', [due, late.id]);
    }
    // The second half (overdue at the end, answered after it) is among the listed: the test sees it.
    expect(answeredSince).toBeGreaterThan(0);
  });

  it('counts the hot spots of the month and the month before per category, municipality and street, with the body most of them went to', async () => {
    const r = await t.gql(`{ monthlyReport(month: "2026-05") { hotSpots { category municipality address count previousMonth organization } } }`, {}, head);
    expect(r.errors).toBeUndefined();
    const shortNames = new Map(
      (await query<{ id: string; short_name: string }>(t.em(), sql`select id, short_name from organization`)).map((o) => [o.id, o.short_name]),
    );
    const categoryName = new Map([...fx.categories.values()].map((c) => [c.id, c.name]));
    const municipalityName = new Map([...fx.municipalities.values()].map((m) => [m.id, m.shortName]));
    const window = fx.appeals.filter((a) => a.receivedAt >= month('2026-04') && a.receivedAt < month('2026-06') && a.address);
    const clusters = new Map<string, FxAppeal[]>();
    for (const a of window) {
      const key = `${a.categoryId}|${a.municipalityId}|${streetOf(a.address).toLowerCase()}`;
      clusters.set(key, [...(clusters.get(key) ?? []), a]);
    }
    const hotSpots = r.data.monthlyReport.hotSpots;
    expect(hotSpots.length).toBeGreaterThan(0);
    let previousSeen = 0;
    for (const spot of hotSpots) {
      const [key, list] = [...clusters].find(
        ([k, l]) =>
          categoryName.get(l[0].categoryId) === spot.category &&
          municipalityName.get(l[0].municipalityId) === spot.municipality &&
          k.endsWith(`|${spot.address.toLowerCase()}`),
      )!;
      const current = list.filter((a) => a.receivedAt >= month('2026-05'));
      expect(spot.count, key).toBe(current.length);
      expect(spot.previousMonth, key).toBe(list.length - current.length);
      previousSeen += spot.previousMonth;
      // mode() over both months: the body with the most appeals, the smallest id among equals, appeals without a body left out.
      const perBody = new Map<string, number>();
      for (const a of list) if (a.orgId) perBody.set(a.orgId, (perBody.get(a.orgId) ?? 0) + 1);
      const [mode] = [...perBody].sort(([x, n], [y, k]) => k - n || (x < y ? -1 : 1))[0] ?? [null];
      expect(spot.organization, key).toBe(mode ? shortNames.get(mode) : null);
    }
    expect(previousSeen).toBeGreaterThan(0);
  });

  it('counts the conflicts of each kind as findConflicts lists them, under every scope', async () => {
    const users: AuthUser[] = [
      curator,
      { id: 'operator', role: Role.ORG_OPERATOR, organizationId: fx.orgIds.get('adm-volzhsk')!, sectors: [] },
      { id: 'sector', role: Role.SECTOR_SPECIALIST, organizationId: null, sectors: [[...fx.categories.values()][0].sector] },
    ];
    // One repeat conflict per original appeal however many repeats it has: a second repeat of one original, for this test.
    const [original] = fx.appeals.filter((a) => a.isRepeat && a.receivedAt >= month('2026-01') && a.receivedAt < month('2026-05'));
    const first = fx.appeals.find((a) => a.id === original.repeatOf)!;
    const second = fx.appeals.find(
      (a) => !a.isRepeat && a.receivedAt > first.answeredAt! && a.receivedAt >= month('2026-01') && a.receivedAt < month('2026-06'),
    )!;
    await t.asOwner('update appeal set is_repeat = true, repeat_of_id = $1 where id = $2', [first.id, second.id]);
    try {
      for (const [from, to] of [
        [month('2026-05'), month('2026-06')],
        [month('2026-01'), month('2026-06')],
      ]) {
        for (const user of users) {
          const { counts, items } = await findConflicts(context(user), from, to);
          expect(await countConflicts(context(user), from, to), `${user.role} ${from.toISOString()}`).toEqual(counts);
          if (user === curator && from < month('2026-05'))
            expect(items.find((c) => c.kind === 'REPEATED_AFTER_ANSWER' && c.appealIds[0] === first.id)?.appealIds).toHaveLength(3);
        }
      }
    } finally {
      await t.asOwner('update appeal set is_repeat = false, repeat_of_id = null where id = $1', [second.id]);
    }
  });

  it('gives the rows of one kind of workload as the whole workload has them', async () => {
    // A centre specialist holding some open appeals: a person row of their own (the fixture's holders are bodies' operators).
    const specialist = await t.user(Role.CENTER_SPECIALIST);
    const held = fx.appeals.filter((a) => ['IN_PROGRESS', 'ASSIGNED'].includes(a.status)).slice(0, 12);
    await t.asOwner('update appeal set assignee_id = $1 where id = any($2::uuid[])', [specialist.id, held.map((a) => a.id)]);
    try {
      for (const sector of [null, held[0].sector]) {
        const all = await computeWorkload(context(curator), sector, month('2026-05'), month('2026-06'));
        for (const kind of [WorkloadKind.SECTOR, WorkloadKind.SPECIALIST]) {
          const rows = all.filter((row) => row.kind === kind);
          expect(rows.length, kind).toBeGreaterThan(0);
          expect(await computeWorkload(context(curator), sector, month('2026-05'), month('2026-06'), kind), `${kind} ${sector}`).toEqual(rows);
        }
      }
    } finally {
      await t.asOwner('update appeal set assignee_id = null where assignee_id = $1', [specialist.id]);
    }
  });

  it('runs the sections on connections of their own, no more than REPORT_CONNECTIONS at once, each to its end', async () => {
    const ctx = context(curator);
    const lane = reportLanes(ctx);
    const width = t.running.app.config.REPORT_CONNECTIONS;
    expect(width).toBeGreaterThan(1);
    let running = 0;
    let most = 0;
    const ems = new Set<EntityManager>();
    const pids = new Set<number>();
    const results = await Promise.all(
      Array.from({ length: 3 * width }, (_, i) =>
        lane(async (c) => {
          ems.add(c.em);
          most = Math.max(most, ++running);
          // Inside a transaction, so the statement holds a connection of the lane's own.
          const [{ pid }] = await c.em.transactional((tx) => query<{ pid: number }>(tx as EntityManager, sql`select pg_backend_pid() as pid, pg_sleep(0.05)`));
          pids.add(pid);
          running--;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 3 * width }, (_, i) => i));
    expect(most).toBe(width);
    expect(ems.size).toBe(3 * width);
    expect(ems.has(ctx.em)).toBe(false);
    expect(pids.size).toBeGreaterThan(1);
  });
});

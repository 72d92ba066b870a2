import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { seedDemo } from '../../core/seed/demo.seed.js';
import { TRANSITIONS } from '../../core/lifecycle/status-machine.js';
import { APPEAL_EVENT_TYPES } from '../../core/entities/appeal-event-type.js';

const NOW = new Date('2026-06-15T09:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW), env: { DEMO_APPEALS: '120' } });
  // What `npm start` does with DEMO=1: demo users, then the demo appeals through the lifecycle.
  await seedDemo(t.running.app);
}, 600_000);
afterAll(() => t?.stop());

/** Entries that note something about the appeal without moving it (from = to = its status, or no status at all). */
const NOTES = new Set(['REPEAT_DETECTED', 'SATISFACTION_LINK_ISSUED', 'ANNOUNCEMENT_MATCHED', 'DEADLINE_AT_RISK', 'DEADLINE_OVERDUE', 'DEADLINE_REMINDER']);

/** Whether the status machine's own table has a row taking `from` to `to` (a row with `to: null` keeps the status). */
const machineAllows = (from: string, to: string) => TRANSITIONS.some((row) => (row.from as readonly string[]).includes(from) && (row.to ?? from) === to);

describe('the demo data', () => {
  it('is what the API writes: known entry kinds, histories that are paths of the status machine, no time after now', async () => {
    const appeals = await t.asOwner(
      `select id, status, channel, external_id, received_at, registered_at, answered_at, closed_at, satisfaction_score from appeal`,
    );
    const events = await t.asOwner(`select appeal_id, type, at, from_status, to_status from appeal_event order by appeal_id, at, seq`);
    expect(appeals.length).toBeGreaterThan(100);
    const byAppeal = new Map<string, any[]>();
    for (const e of events) byAppeal.set(e.appeal_id, [...(byAppeal.get(e.appeal_id) ?? []), e]);

    for (const e of events) expect(APPEAL_EVENT_TYPES.has(e.type), e.type).toBe(true);
    for (const a of appeals) {
      expect(a.external_id, a.id).toMatch(/^demo-/);
      expect(a.received_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (a.registered_at) {
        expect(a.registered_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
        expect(a.registered_at.getTime()).toBeGreaterThanOrEqual(a.received_at.getTime());
      }
      if (a.answered_at) {
        expect(a.registered_at, a.id).not.toBeNull();
        expect(a.answered_at.getTime()).toBeGreaterThanOrEqual(a.registered_at.getTime());
        expect(a.answered_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      const history = byAppeal.get(a.id) ?? [];
      expect(history.length, a.id).toBeGreaterThan(0);
      let status: string | null = null;
      for (const e of history) {
        expect(e.at.getTime(), `${a.id} ${e.type}`).toBeLessThanOrEqual(NOW.getTime());
        expect(e.at.getTime(), `${a.id} ${e.type}`).toBeGreaterThanOrEqual(a.received_at.getTime());
        if (e.from_status == null && e.to_status == null) {
          expect(NOTES.has(e.type), e.type).toBe(true);
          continue;
        }
        expect(e.from_status, `${a.id} ${e.type}`).toBe(status);
        if (status === null) expect(['NEW', 'REGISTERED']).toContain(e.to_status);
        else if (!(NOTES.has(e.type) && e.from_status === e.to_status))
          expect(machineAllows(e.from_status, e.to_status), `${e.type} ${e.from_status} → ${e.to_status}`).toBe(true);
        status = e.to_status;
      }
      expect(status, a.id).toBe(a.status);
    }
  });

  it('has a response for every answered or closed appeal, accepted by the ЦУР', async () => {
    const missing = await t.asOwner(`select a.id, a.status from appeal a where (a.status in ('ANSWERED', 'CLOSED') or a.answered_at is not null)
      and not exists (select 1 from appeal_response r where r.appeal_id = a.id and r.review_decision = 'ACCEPT')`);
    expect(missing).toEqual([]);
  });

  it('keeps answered, rated, reopened and overdue appeals, across channels and sectors', async () => {
    const [counts] = await t.asOwner(
      `select count(*) filter (where status in ('ANSWERED', 'CLOSED'))::int as answered,
      count(*) filter (where satisfaction_score is not null)::int as rated, count(*) filter (where reopen_count > 0)::int as reopened,
      count(*) filter (where status not in ('ANSWERED', 'CLOSED', 'REJECTED') and answered_at is null and due_at < $1)::int as overdue,
      count(distinct channel)::int as channels, count(distinct sector_id)::int as sectors from appeal`,
      [NOW],
    );
    expect(counts.answered).toBeGreaterThan(10);
    expect(counts.rated).toBeGreaterThan(3);
    expect(counts.reopened).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.channels).toBeGreaterThanOrEqual(6);
    expect(counts.sectors).toBeGreaterThanOrEqual(5);
  });
});

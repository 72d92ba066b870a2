/**
 * The demo's announcements come from the region pack (demo-announcements.json),
 * not from the core: seeding the demo publishes each one the pack lists, to
 * its municipality, and registers the residents' appeals it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { seedDemo } from '../../core/seed/demo.seed.js';
import { seedAnnouncementsDemo } from '../../core/announcements/announcement-demo.js';
import type { LifecycleServices } from '../../core/lifecycle/lifecycle-services.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(new Date('2026-06-15T09:00:00Z')), env: { DEMO_APPEALS: '0' } });
  await seedDemo(t.running.app);
}, 120_000);
afterAll(() => t?.stop());

describe('the demo announcements', () => {
  it("publishes the pack's announcements to their municipalities with the appeals they answer", async () => {
    const app = t.running.app as unknown as LifecycleServices;
    await seedAnnouncementsDemo(app);
    const rows = await t.asOwner(
      `select a.title, a.status, m.code from announcement a
       join municipality m on jsonb_exists(a.audience::jsonb -> 'municipalityIds', m.id::text) order by a.title`,
    );
    const listed = app.region.demo.announcements;
    expect(listed.length).toBeGreaterThan(0);
    // All are created at the same (manual) clock moment: compared in title order.
    const byTitle = [...listed].sort((a, b) => (a.title < b.title ? -1 : 1));
    expect(rows).toEqual(byTitle.map((a) => ({ title: a.title, status: 'PUBLISHED', code: a.municipalityCode })));
    const [{ count }] = await t.asOwner(`select count(*)::int as count from appeal where external_id like 'demo-announcement-%'`);
    expect(count).toBe(listed.reduce((sum, a) => sum + a.appeals.length, 0));
  });
});

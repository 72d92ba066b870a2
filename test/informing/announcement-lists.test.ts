import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { fails, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { A, municipalityId, publishNew } from './informing-helpers.js';

/** The read side of announcements (announcement-query.service.ts): filters, keyset pages both ways, matched appeals within scope. */
let t: TestApp;
let s: Staff;
let kozmo: string;
let yola: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
  s = await staff(t);
  kozmo = await municipalityId(t, 'kozmodemyansk');
  yola = await municipalityId(t, 'yoshkar-ola');
});
afterAll(() => t?.stop());

const input = (kind: string, title: string, municipalityIds: string[], categories = ['housing.water-supply']) => ({
  kind,
  title,
  body: 'Текст объявления.',
  validFrom: new Date(t.clock.now().getTime() - HOUR).toISOString(),
  validTo: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString(),
  audience: { municipalityIds, categories },
});

const LIST = `query($filter: AnnouncementFilter, $first: Int, $after: String, $last: Int, $before: String) {
  announcements(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id title } } } }`;
const MATCHED = `query($id: ID!, $first: Int, $after: String) { announcement(id: $id) {
  matchedAppeals(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;

describe('announcements: filters and pages', () => {
  it('pages forward and backward through a filtered list, newest first, and refuses a forged cursor by field', async () => {
    const made: string[] = [];
    for (const title of ['Первое', 'Второе', 'Третье']) made.push((await ok(t, A.create, { input: input('INFO', title, [yola]) }, s.specialist)).id);
    await publishNew(t, s.specialist, input('INFO', 'Опубликованное', [kozmo]));
    const filter = { kind: ['INFO'], status: ['DRAFT'], municipalityId: yola };
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: any = await ok(t, LIST, { filter, first: 1, after }, s.specialist);
      expect(page.totalCount).toBe(3);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const order = ((await t.em().execute('select id from announcement where id in (?, ?, ?) order by created_at desc, id desc', made)) as any[]).map(
      (row) => row.id,
    );
    expect(seen).toEqual(order);
    const last = await ok(t, LIST, { filter, last: 2 }, s.specialist);
    expect(last.edges.map((e: any) => e.node.id)).toEqual([order[1], order[2]]);
    const before = await ok(t, LIST, { filter, last: 1, before: last.pageInfo.startCursor }, s.specialist);
    expect(before.edges.map((e: any) => e.node.id)).toEqual([order[0]]);
    // Whole-region announcements count for every municipality; an active one only while PUBLISHED and in its period.
    const active = await ok(t, LIST, { filter: { activeAt: t.clock.now().toISOString(), municipalityId: kozmo } }, s.specialist);
    expect(active.edges.map((e: any) => e.node.title)).toEqual(['Опубликованное']);

    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    expect((await fails(t, LIST, { filter, first: 1, after: forged }, s.specialist)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await fails(t, LIST, { filter: { organizationId: 'x' } }, s.specialist)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.organizationId',
    });
  });

  it('lists matched appeals in pages, within what the caller may see', async () => {
    const water = await publishNew(t, s.specialist, input('OUTAGE', 'Нет воды в Йошкар-Оле', [yola]));
    const appeals: any[] = [];
    for (let i = 0; i < 3; i++) {
      const { appeal } = await register(t, s.integration, {
        channel: 'SOCIAL_MEDIA',
        text: `Нет холодной воды, дом ${i + 1}`,
        receivedAt: t.clock.now().toISOString(),
        municipalityId: yola,
        category: 'housing.water-supply',
      });
      appeals.push(appeal);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const read: any = (await ok(t, MATCHED, { id: water.id, first: 2, after }, s.specialist)).matchedAppeals;
      expect(read.totalCount).toBe(3);
      seen.push(...read.edges.map((e: any) => e.node.id));
      if (!read.pageInfo.hasNextPage) break;
      after = read.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(appeals.map((a) => a.id).sort());

    const housing = await t.user(Role.SECTOR_SPECIALIST, { sectors: ['housing'] });
    const roads = await t.user(Role.SECTOR_SPECIALIST, { sectors: ['roads'] });
    const body = appeals[0].organization.code as string;
    const operator = await s.operator(body);
    const count = async (token: string) => (await ok(t, MATCHED, { id: water.id }, token)).matchedAppeals.totalCount;
    expect(await count(housing.token)).toBe(3);
    expect(await count(roads.token)).toBe(0);
    expect(await count(operator)).toBe(appeals.filter((a) => a.organization.code === body).length);
    const forged = Buffer.from(JSON.stringify([t.clock.now().toISOString(), 'not-a-uuid'])).toString('base64url');
    expect((await fails(t, MATCHED, { id: water.id, first: 1, after: forged }, s.specialist)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { query, sql } from '../../core/db/sql.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { loadFixture, NOW, type Fixture } from './fixture.js';
import { groupBy } from './recompute.js';

let t: TestApp;
let fx: Fixture;
let specialist: string;
const FROM = new Date('2026-05-01T00:00:00+03:00');
const TO = new Date('2026-06-01T00:00:00+03:00');
const PREVIOUS = new Date(FROM.getTime() - (TO.getTime() - FROM.getTime()));

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  fx = await loadFixture(t);
  ({ token: specialist } = await t.user(Role.CENTER_SPECIALIST));
});
afterAll(() => t?.stop());

const street = (address: string) =>
  address
    .replace(/\s*,?\s*(д\.|дом|кв\.|корп|стр\.|строение).*$/i, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
const DETECT = `mutation D($from: DateTime!, $to: DateTime!, $min: Int) { detectProblems(from: $from, to: $to, minCount: $min) {
  id title address appealCount previousCount trend status category { code } municipality { code } responsibleOrganization { code } appealIds } }`;

describe('problems', () => {
  it('clusters appeals by category, municipality and street in the window, with counts, trend and the responsible body', async () => {
    const r = await t.gql(DETECT, { from: FROM, to: TO, min: 5 }, specialist);
    expect(r.errors).toBeUndefined();
    const key = (a: (typeof fx.appeals)[number]) => `${a.category}|${a.municipality}|${street(a.address)}`;
    const current = groupBy(
      fx.appeals.filter((a) => a.receivedAt >= FROM && a.receivedAt < TO),
      key,
    );
    const previous = groupBy(
      fx.appeals.filter((a) => a.receivedAt >= PREVIOUS && a.receivedAt < FROM),
      key,
    );
    const expected = [...current].filter(([, list]) => list.length >= 5);
    expect(expected.length).toBeGreaterThan(0);
    expect(r.data.detectProblems).toHaveLength(expected.length);
    for (const [k, list] of expected) {
      const p = r.data.detectProblems.find((x: any) => `${x.category.code}|${x.municipality.code}|${x.address.toLowerCase()}` === k);
      expect(p, k).toBeDefined();
      expect(p.appealCount).toBe(list.length);
      expect(p.previousCount).toBe(previous.get(k)?.length ?? 0);
      expect([...p.appealIds].sort()).toEqual(list.map((a) => a.id).sort());
      expect(p.status).toBe('NEW');
    }
    const hot = r.data.detectProblems.find((p: any) => p.address === 'Йошкар-Ола, ул. Машиностроителей');
    expect(hot.title).toBe('Отопление и теплоснабжение: Йошкар-Ола, ул. Машиностроителей');
    expect(hot).toMatchObject({ appealCount: 8, trend: 'NEW', responsibleOrganization: { code: 'adm-yoshkar-ola' } });
  });

  it('lets the ЦУР set status, decision and a national-project indicator, kept on the next detection; others are refused', async () => {
    const list = await t.gql(`{ problems(filter: { category: ["housing.heating"] }) { totalCount edges { node { id address } } } }`, {}, specialist);
    const hot = list.data.problems.edges.find((e: any) => e.node.address === 'Йошкар-Ола, ул. Машиностроителей').node;
    const UPDATE = `mutation U($id: ID!, $input: UpdateProblemInput!) { updateProblem(id: $id, input: $input) { status decision nationalProjectIndicator } }`;
    const input = { status: 'IN_PROGRESS', decision: 'Замена участка теплотрассы до 1 октября', nationalProjectIndicator: 'ЖКС.1.3' };
    const u = await t.gql(UPDATE, { id: hot.id, input }, specialist);
    expect(u.errors).toBeUndefined();
    expect(u.data.updateProblem).toEqual(input);
    await t.gql(DETECT, { from: FROM, to: TO, min: 5 }, specialist);
    const again = await t.gql(
      `query($id: ID!) { appeal(id: $id) { problem { id status decision nationalProjectIndicator appealCount } } }`,
      { id: fx.appeals.find((a) => a.address.includes('Машиностроителей'))!.id },
      specialist,
    );
    expect(again.data.appeal.problem).toMatchObject({ id: hot.id, ...input, appealCount: 8 });
    const bad = await t.gql(UPDATE, { id: hot.id, input: { nationalProjectIndicator: 'bad code!' } }, specialist);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.nationalProjectIndicator' });
    const { token: analyst } = await t.user(Role.ANALYST);
    expect((await t.gql(UPDATE, { id: hot.id, input }, analyst)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const filtered = await t.gql(`{ problems(filter: { withIndicator: true, status: [IN_PROGRESS] }) { totalCount } }`, {}, analyst);
    expect(filtered.data.problems.totalCount).toBe(1);
  });

  it('draws a problem as a radius around a point', async () => {
    const hot = fx.appeals.filter((a) => a.address.includes('Машиностроителей'));
    // Three within ~300 m of the point, one 5 km away.
    const points = [
      [56.634, 47.9],
      [56.636, 47.902],
      [56.633, 47.897],
      [56.68, 47.9],
    ];
    for (let i = 0; i < points.length; i++) {
      await query(t.em(), sql`update appeal set latitude = ${points[i][0]}, longitude = ${points[i][1]} where id = ${hot[i].id}`);
    }
    const r = await t.gql(
      `mutation C($input: CreateProblemInput!) { createProblem(input: $input) { title appealCount radiusMeters appealIds } }`,
      {
        input: { category: 'housing.heating', latitude: 56.634, longitude: 47.9, radiusMeters: 500, from: FROM, to: TO },
      },
      specialist,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.createProblem.appealCount).toBe(3);
    expect([...r.data.createProblem.appealIds].sort()).toEqual(
      hot
        .slice(0, 3)
        .map((a) => a.id)
        .sort(),
    );
  });

  it('shows an operator only the problems its body answers for', async () => {
    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
    const r = await t.gql(`{ problems { edges { node { responsibleOrganization { code } } } } }`, {}, token);
    expect(r.data.problems.edges.length).toBeGreaterThan(0);
    expect(r.data.problems.edges.every((e: any) => e.node.responsibleOrganization.code === 'adm-yoshkar-ola')).toBe(true);
  });
});

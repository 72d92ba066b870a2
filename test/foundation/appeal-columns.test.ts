import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { generateDemoAppeals } from '../../core/seed/demo-appeals.js';
import { LIGHT_APPEAL_FIELDS } from '../../core/appeals/appeal-query.service.js';
import { entityView } from '../../core/db/entity-view.js';
import { Appeal } from '../../core/entities/appeal.entity.js';

/**
 * A page of appeals reads only the light columns when the nodes select only
 * light fields (core/appeals/appeal-query.service.ts). Every light field must
 * answer exactly as it does when the whole row is read.
 */
let t: TestApp;
let token: string;
const statements: string[] = [];

/** Every light field, with the sub-fields of the object ones. */
const SUBFIELDS: Record<string, string> = {
  location: '{ latitude longitude }',
  organization: '{ id shortName }',
  municipality: '{ id name }',
  sector: '{ code }',
  category: '{ code }',
  assignee: '{ id fullName }',
  complaintAgainst: '{ id }',
  repeatOf: '{ id number }',
  deadline: '{ state dueAt remainingHours extended paused pausedHours rule rules { code description dueAt deciding } }',
};
const LIGHT_SELECTION = [...LIGHT_APPEAL_FIELDS].map((field) => `${field} ${SUBFIELDS[field] ?? ''}`).join('\n');

beforeAll(async () => {
  t = await startTestApp({ onQuery: (sql) => statements.push(sql) });
  await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
  await generateDemoAppeals(t.em(), { count: 120, now: new Date('2026-05-20T10:00:00Z'), regionCode: '12', calendar: t.running.app.calendar, seed: 3 });
  // Fill the columns the generator leaves empty, so that every light field has something to show.
  await t.em().getConnection().execute(`update appeal set paused_at = now(), paused_ms = 7200000, latitude = 56.63, longitude = 47.89,
    is_repeat = true, repeat_of_id = (select id from appeal order by number limit 1), reopened_at = now(),
    complaint_against_id = (select id from organization order by code limit 1), address = 'ул. Советская, 1'
    where id in (select id from appeal order by number desc limit 20)`);
  ({ token } = await t.user(Role.CURATOR));
});
afterAll(() => t?.stop());

async function page(selection: string) {
  statements.length = 0;
  const result = await t.gql(`{ appeals(first: 120) { edges { node { ${selection} } } } }`, {}, token);
  expect(result.errors).toBeUndefined();
  const pageSql = statements.find((sql) => /from "appeal" as "a"/.test(sql)) ?? '';
  return { nodes: result.data.appeals.edges.map((e: any) => e.node), pageSql };
}

describe('columns of a page of appeals', () => {
  it('reads only the light columns for light fields, and every light field answers as from the whole row', async () => {
    const light = await page(LIGHT_SELECTION);
    const full = await page(`${LIGHT_SELECTION}\ntext`);
    expect(light.pageSql).not.toMatch(/a\.text\b/);
    expect(light.pageSql).not.toMatch(/a\.author_name\b/);
    expect(full.pageSql).toMatch(/a\.text\b/);
    expect(light.nodes).toHaveLength(120);
    const withoutText = full.nodes.map(({ text, ...rest }: any) => rest);
    expect(light.nodes).toEqual(withoutText);
    // The data set shows every kind of value (not nulls compared with nulls).
    expect(light.nodes.some((n: any) => n.location && n.repeatOf && n.complaintAgainst && n.deadline.paused)).toBe(true);
  });

  it('gives the moments of a page exactly as the appeal read alone gives them (epoch milliseconds on the page)', async () => {
    const moments = 'id receivedAt registeredAt dueAt answeredAt closedAt reopenedAt createdAt updatedAt deadline { dueAt remainingHours }';
    const { nodes } = await page(moments);
    const withMoments = nodes.filter((n: any) => n.answeredAt && n.registeredAt).slice(0, 15);
    expect(withMoments.length).toBeGreaterThan(5);
    for (const node of withMoments) {
      const single = await t.gql(`query($id: ID!) { appeal(id: $id) { ${moments} } }`, { id: node.id }, token);
      expect(single.data.appeal).toEqual(node);
    }
    // Sub-millisecond parts are cut as the ORM cuts them, not rounded.
    const [row] = await t.em().getConnection().execute(`select id, received_at from appeal where id = '${withMoments[0].id}'`);
    await t.em().getConnection().execute(`update appeal set received_at = '2026-05-01 10:00:00.123999+00' where id = '${row.id}'`);
    const after = (await page('id receivedAt')).nodes.find((n: any) => n.id === row.id);
    expect(after.receivedAt).toBe('2026-05-01T10:00:00.123Z');
  });

  it('reads the whole row when any other field is selected (the author, plugin fields)', async () => {
    expect((await page('id author { name }')).pageSql).toMatch(/a\.author_name\b/);
    expect((await page('id housing { __typename }')).pageSql).toMatch(/a\.text\b/);
  });

  it('never reads the lazy columns (the raw source record, plugin details)', async () => {
    const { pageSql } = await page('id text');
    expect(pageSql).not.toMatch(/a\.raw\b/);
    expect(pageSql).not.toMatch(/a\.details\b/);
  });

  it('makes a property of a column left unread throw instead of answering undefined', async () => {
    const em = t.em();
    const [row] = await em.getConnection().execute('select id, number from appeal limit 1');
    const view = entityView(em, Appeal, ['text'])(row);
    expect(view.number).toBe(row.number);
    expect(() => view.text).toThrow(/column text was not read/);
  });
});

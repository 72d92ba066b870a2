import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { generateBulkAppeals } from '../../test/support/bulk-appeals.js';
import { APPEAL_FIELD_COLUMNS } from '../../core/appeals/appeal-columns.js';
import { entityView } from '../../core/db/entity-view.js';
import { Appeal } from '../../core/entities/appeal.entity.js';

/**
 * A page of appeals reads only the columns its selected fields need
 * (core/appeals/appeal-columns.ts). Every listed field must answer exactly as
 * it does when the whole row is read.
 */
let t: TestApp;
let token: string;
const statements: string[] = [];

/** Every listed field, with the sub-fields of the object ones. */
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
const LISTED_FIELDS = Object.keys(APPEAL_FIELD_COLUMNS).filter((field) => !field.includes('.'));
const selectionOf = (field: string) => `${field} ${SUBFIELDS[field] ?? ''}`;
const LIGHT_SELECTION = LISTED_FIELDS.map(selectionOf).join('\n');
/** The columns of a page statement's select list (`a.<column>`). */
const columnsRead = (sql: string) => new Set([...sql.matchAll(/\ba\.([a-z_0-9]+)/g)].map((m) => m[1]));

beforeAll(async () => {
  t = await startTestApp({ onQuery: (sql) => statements.push(sql) });
  await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
  await generateBulkAppeals(t.em(), { count: 120, now: new Date('2026-05-20T10:00:00Z'), regionCode: '12', calendar: t.running.app.calendar, seed: 3 });
  // Fill the columns the generator leaves empty, so that every light field has something to show.
  await t.em().getConnection().execute(`update appeal set paused_at = now(), paused_ms = 7200000, latitude = 56.63, longitude = 47.89,
    is_repeat = true, repeat_of_id = (select id from appeal order by number limit 1), reopened_at = now(),
    complaint_against_id = (select id from organization order by code limit 1), address = 'ул. Советская, 1'
    where id in (select id from appeal order by number desc limit 20)`);
  ({ token } = await t.user(Role.CURATOR));
});
afterAll(() => t?.stop());

async function page(selection: string, fragments = '') {
  statements.length = 0;
  const result = await t.gql(`{ appeals(first: 120) { edges { node { ${selection} } } } } ${fragments}`, {}, token);
  expect(result.errors).toBeUndefined();
  const pageSql = statements.find((sql) => /\bfrom appeal as a\b/.test(sql)) ?? '';
  return { nodes: result.data.appeals.edges.map((e: any) => e.node), pageSql };
}

describe('columns of a page of appeals', () => {
  it('reads only the listed columns for listed fields, and every listed field answers as from the whole row', async () => {
    const light = await page(LIGHT_SELECTION);
    const full = await page(`${LIGHT_SELECTION}\ntext`);
    expect(light.pageSql).not.toMatch(/a\.text\b/);
    expect(light.pageSql).not.toMatch(/a\.author_name\b/);
    expect(full.pageSql).toMatch(/a\.text\b/);
    expect(light.nodes).toHaveLength(120);
    const withoutText = full.nodes.map(({ text: _text, ...rest }: any) => rest);
    expect(light.nodes).toEqual(withoutText);
    // The data set shows every kind of value (not nulls compared with nulls).
    expect(light.nodes.some((n: any) => n.location && n.repeatOf && n.complaintAgainst && n.deadline.paused)).toBe(true);
  });

  it('answers each listed field alone from its own columns exactly as from the whole row', async () => {
    const full = await page(`${LIGHT_SELECTION}\ntext`);
    for (const field of LISTED_FIELDS) {
      const alone = await page(`id ${selectionOf(field)}`);
      expect(alone.nodes, field).toEqual(full.nodes.map((node: any) => ({ id: node.id, [field]: node[field] })));
      // Only the field's own columns (the filter and order columns aside).
      const expected = new Set(['id', ...APPEAL_FIELD_COLUMNS[field], ...(field === 'deadline' ? APPEAL_FIELD_COLUMNS['deadline.rules'] : [])]);
      const selectList = alone.pageSql.slice(0, alone.pageSql.indexOf(' from ')).replace(/,\s*a\.received_at as sort_key/, '');
      expect(
        [...columnsRead(selectList)].filter((column) => !expected.has(column)),
        field,
      ).toEqual([]);
    }
  });

  it('reads the deadline rules only when the rules are asked for', async () => {
    const withoutRules = await page('id deadline { state dueAt remainingHours }');
    const withRules = await page('id deadline { state rules { code deciding } }');
    expect(withoutRules.pageSql).not.toMatch(/a\.deadline_rules\b/);
    expect(withRules.pageSql).toMatch(/a\.deadline_rules\b/);
    expect(withRules.nodes.some((n: any) => n.deadline.rules.length > 0)).toBe(true);
  });

  it('reads the same columns through fragments as through plain fields', async () => {
    const { pageSql } = await page('... on Appeal { id number deadline { ...D } }', 'fragment D on Deadline { rules { code } }');
    expect(pageSql).toMatch(/a\.deadline_rules\b/);
    expect(pageSql).not.toMatch(/a\.text\b/);
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

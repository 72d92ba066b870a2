import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceKind, type EntityClass } from '@mikro-orm/core';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { generateBulkAppeals } from '../../test/support/bulk-appeals.js';
import { Appeal } from '../entities/appeal.entity.js';
import { Category, Municipality, Organization, Sector, User } from '../entities/index.js';
import { Role } from '../entities/enums.js';
import { entityView } from './entity-view.js';
import { identifier, query, sql } from './sql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
  await generateBulkAppeals(t.em(), { count: 150, now: new Date('2026-05-20T10:00:00Z'), regionCode: '12', calendar: t.running.app.calendar, seed: 11 });
  // Exercise the columns the generator leaves empty: a paused clock, coordinates, a repeat, a big paused total.
  await query(
    t.em(),
    sql`update appeal set paused_at = now(), paused_ms = 7200000, latitude = 56.63, longitude = 47.89, is_repeat = true,
      repeat_of_id = (select id from appeal order by number limit 1), classification = '{"rule":"kw","confidence":0.8}'
      where id in (select id from appeal order by number desc limit 5)`,
  );
});
afterAll(() => t?.stop());

/** What a client could observe of a property: Dates by time, references by id. */
function observable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (value && typeof value === 'object' && 'id' in value && !Array.isArray(value)) return (value as { id: unknown }).id;
  return value ?? null;
}

async function compare<T extends object>(entity: EntityClass<T>, table: string) {
  const em = t.em();
  const rows = await query(em, sql`select * from ${identifier(table)}`);
  expect(rows.length).toBeGreaterThan(0);
  const meta = em.getMetadata().get(entity.name);
  const props = meta.props.filter((p) => !p.lazy && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE));
  const toView = entityView(em, entity);
  for (const row of rows) {
    const mapped = em.fork().map(entity, { ...row } as never) as Record<string, unknown>;
    const view = toView(row) as Record<string, unknown>;
    expect(view).toBeInstanceOf(entity);
    for (const prop of props) {
      expect(observable(view[prop.name]), `${entity.name}.${prop.name}`).toEqual(observable(mapped[prop.name]));
    }
  }
  return { rows: rows.length, props: props.length };
}

describe('entity views (the read path without ORM hydration)', () => {
  it('give every property of an appeal the value em.map gives', async () => {
    const { rows, props } = await compare(Appeal, 'appeal');
    expect(rows).toBe(150);
    expect(props).toBeGreaterThan(30);
  });

  it('do the same for the reference data and users', async () => {
    await compare(Organization, 'organization');
    await compare(Municipality, 'municipality');
    await compare(Sector, 'sector');
    await compare(Category, 'category');
    await compare(User, 'app_user');
  });

  it('are plain reads: assigning to a view does not touch the ORM unit of work', async () => {
    const em = t.em();
    const [row] = await query(em, sql`select * from appeal limit 1`);
    const view = entityView(em, Appeal)(row);
    view.text = 'changed';
    expect(Object.getOwnPropertyDescriptor(view, 'text')?.value).toBe('changed');
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});

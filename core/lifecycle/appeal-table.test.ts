import { describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../db/mikro-orm.config.js';
import { moduleEntities } from '../app/modules.js';
import { appealRow, appealTable } from './appeal-table.js';

// Metadata only: MikroORM discovers the entities without connecting.
const orm = await MikroORM.init({ ...ormOptions({ url: 'postgresql://nobody@127.0.0.1:1/none', entities: moduleEntities() }), connect: false });
const metadata = orm.getMetadata();

describe('the appeal table, from the entity metadata', () => {
  it('lists every stored column of Appeal, relations by their key column, lazy ones included', () => {
    const { columns } = appealTable(metadata);
    expect(columns).toEqual(
      expect.arrayContaining(['id', 'number', 'external_id', 'municipality_id', 'complaint_against_id', 'repeat_of_id', 'raw', 'details']),
    );
    expect(new Set(columns).size).toBe(columns.length);
    expect(columns).toHaveLength(metadata.get('Appeal').props.filter((p) => p.fieldNames?.length && p.persist !== false && !p.formula).length);
  });

  it('maps a new appeal’s values by property to its columns, in the values’ order', () => {
    const at = new Date('2026-03-04T09:00:00Z');
    expect(appealRow(metadata, { id: 'a', externalId: null, complaintAgainst: 'o', authorNotifyConsent: true, deadlineRules: [], createdAt: at })).toEqual({
      id: 'a',
      external_id: null,
      complaint_against_id: 'o',
      author_notify_consent: true,
      deadline_rules: [],
      created_at: at,
    });
    expect(Object.keys(appealRow(metadata, { sector: 's', id: 'a' }))).toEqual(['sector_id', 'id']);
  });

  it('refuses a property the entity does not store', () => {
    expect(() => appealRow(metadata, { nonsense: 1 } as never)).toThrow(/nonsense/);
  });
});

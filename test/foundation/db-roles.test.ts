import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { idOf, register, staff } from '../lifecycle/lifecycle-helpers.js';
import { openAppDatabase } from '../../core/app/database.js';
import { createLogger } from '../../core/logging/logger.js';
import { pluginEntities } from '../../core/plugins/plugin-registry.js';
import { allPlugins } from '../../plugins/index.js';
import { moduleQueues } from '../../core/app/modules.js';

/** Runs `use` on a connection of `url`. */
async function as<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The ways an owner (or a superuser) would switch the audit trail's guards off or rewrite it. */
const TAMPERING = [
  'alter table appeal_event disable trigger all',
  'alter table appeal_event disable trigger user',
  'set session_replication_role = replica',
  `update appeal_event set reason = 'подделка'`,
  'delete from appeal_event',
  'truncate appeal_event',
  'update pii_access_log set at = now()',
  'delete from pii_access_log',
  'drop table appeal_event',
  'create table stolen (x int)',
  'create table pgboss.stolen (x int)',
  'alter role current_user superuser',
];

describe('the API connects as a least-privilege role', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const s = await staff(t);
    // An entry in the audit trail to tamper with.
    await register(t, s.integration, {
      channel: 'POS',
      text: 'Не горит фонарь у дома 5',
      receivedAt: new Date().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: await idOf(t, 'municipality', 'yoshkar-ola'),
    });
  });
  afterAll(() => t?.stop());

  it('is another role than the owner of the tables, and the app runs as it', async () => {
    const [row] = await t.em().execute('select current_user as role');
    const owner = await as(t.databaseUrl, async (c) => (await c.query(`select tableowner from pg_tables where tablename = 'appeal_event'`)).rows[0].tableowner);
    expect(row.role).not.toBe(owner);
    const rights = await as(
      t.databaseUrl,
      async (c) => (await c.query('select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = $1', [row.role])).rows[0],
    );
    expect(rights).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
  });

  it('cannot switch the audit trail’s guards off, nor change or delete an entry', async () => {
    await as(t.appDatabaseUrl, async (client) => {
      expect((await client.query('select count(*)::int as n from appeal_event')).rows[0].n).toBeGreaterThan(0);
      for (const sql of TAMPERING) {
        await expect(client.query(sql), sql).rejects.toThrow(/permission denied|must be owner|must be superuser|append-only/);
      }
      expect((await client.query('select count(*)::int as n from appeal_event')).rows[0].n).toBeGreaterThan(0);
    });
  });

  it('may read and add to the audit trail and use the job queue’s tables', async () => {
    await as(t.appDatabaseUrl, async (client) => {
      const [event] = (await client.query('select * from appeal_event limit 1')).rows;
      await client.query('begin');
      await client.query(`insert into appeal_event (id, appeal_id, type, at, actor_label) values (gen_random_uuid(), $1, 'PAUSED', now(), 'db-roles test')`, [
        event.appeal_id,
      ]);
      await client.query('rollback');
      expect((await client.query(`select name from pgboss.queue order by name`)).rows.map((r) => r.name)).toEqual([...moduleQueues()].sort());
    });
  });

  it('gets rights on the tables later migrations add (default privileges of the owner)', async () => {
    await as(t.databaseUrl, (c) => c.query('create table later_feature (id int primary key, note text)'));
    await as(t.appDatabaseUrl, async (client) => {
      await client.query(`insert into later_feature values (1, 'a')`);
      await client.query(`update later_feature set note = 'b'`);
      expect((await client.query('select note from later_feature')).rows).toEqual([{ note: 'b' }]);
      await expect(client.query('alter table later_feature disable trigger all')).rejects.toThrow(/must be owner/);
    });
  });
});

describe('the embedded mode', () => {
  it('migrates as the superuser and runs the API as cur_app, again after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cur-roles-'));
    const logger = createLogger('silent');
    try {
      for (let start = 0; start < 2; start++) {
        const db = await openAppDatabase({ dataDir: dir, logger, extraEntities: pluginEntities(allPlugins) });
        try {
          expect(new URL(db.url).username).toBe('cur_app');
          const [row] = await db.orm.em.fork().getConnection().execute('select current_user as role');
          expect(row.role).toBe('cur_app');
          await as(db.url, async (client) => {
            for (const sql of TAMPERING.slice(0, 3)) await expect(client.query(sql), sql).rejects.toThrow(/permission denied|must be owner/);
          });
        } finally {
          await db.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

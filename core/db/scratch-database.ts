import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * Creates a fresh database on the server of `serverUrl` (owned by the
 * connecting role: on PostgreSQL 15+ only a database's owner may create
 * tables in `public`) and returns its URL and a way to drop it.
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix = 'cur_scratch',
  template?: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query('select current_user as user');
    const owner = pg.escapeIdentifier(rows[0].user);
    const from = template ? ` template ${pg.escapeIdentifier(template)}` : '';
    await admin.query(`create database ${pg.escapeIdentifier(name)} owner ${owner}${from}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

import pg from 'pg';

/**
 * Least privilege for the API (docs/security.md, "Database roles"). Migrations,
 * the job queue's schema and these grants run as the owner of the tables; the
 * API connects as a role that owns nothing, may read and write rows where it
 * needs to, and may only add to the audit trails: so it cannot switch their
 * append-only triggers off (`ALTER TABLE ... DISABLE TRIGGER` needs ownership,
 * `session_replication_role` needs superuser), nor change or delete an entry.
 */

/** The job queue's schema (pg-boss): created and migrated by the owner, used by the API. */
export const JOB_SCHEMA = 'pgboss';

/** Tables the API may only read and add to: the audit trail (152-ФЗ art. 19 for the PII log). */
export const APPEND_ONLY_TABLES = ['appeal_event', 'pii_access_log'] as const;

/** The role of the embedded mode's API (the owner there is the cluster's superuser). */
export const EMBEDDED_APP_ROLE = 'cur_app';

const ident = pg.escapeIdentifier;

/**
 * Creates a login role with no ownership and no special rights, if it does
 * not exist. Roles belong to the whole cluster and concurrent runs may race
 * to create the same one: the loser's duplicate is ignored. `password` is
 * (re)set when given.
 */
export async function ensureAppRole(owner: pg.ClientBase, role: string, password?: string): Promise<void> {
  await owner.query(`do $$ begin
  create role ${ident(role)} login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls;
exception when duplicate_object or unique_violation then null;
end $$`);
  if (password !== undefined) await owner.query(`alter role ${ident(role)} password ${pg.escapeLiteral(password)}`);
}

/**
 * Grants `role` what the API needs in the current database, as the owner of
 * its tables; idempotent, run after every migration. Rows of every table
 * (SELECT, INSERT, UPDATE, DELETE), but only SELECT and INSERT on the
 * append-only tables; never TRUNCATE, REFERENCES or TRIGGER; the sequences;
 * the job queue's tables. Default privileges cover the tables later
 * migrations add (a new append-only table must revoke UPDATE and DELETE in
 * its migration and be listed in APPEND_ONLY_TABLES).
 */
export async function grantAppRole(owner: pg.ClientBase, role: string): Promise<void> {
  const app = ident(role);
  const { rows } = await owner.query<{ owner: string; db: string }>('select current_user as owner, current_database() as db');
  const me = ident(rows[0].owner);
  const hasJobSchema = (await owner.query(`select 1 from pg_namespace where nspname = $1`, [JOB_SCHEMA])).rowCount;
  const schemas = ['public', ...(hasJobSchema ? [JOB_SCHEMA] : [])].map(ident);
  const statements = [`grant connect, temporary on database ${ident(rows[0].db)} to ${app}`];
  for (const schema of schemas) {
    statements.push(
      `grant usage on schema ${schema} to ${app}`,
      `revoke create on schema ${schema} from ${app}`,
      `revoke all on all tables in schema ${schema} from ${app}`,
      `grant select, insert, update, delete on all tables in schema ${schema} to ${app}`,
      `grant usage, select on all sequences in schema ${schema} to ${app}`,
      `alter default privileges for role ${me} in schema ${schema} grant select, insert, update, delete on tables to ${app}`,
      `alter default privileges for role ${me} in schema ${schema} grant usage, select on sequences to ${app}`,
    );
  }
  for (const table of APPEND_ONLY_TABLES) statements.push(`revoke update, delete, truncate on ${ident(table)} from ${app}`);
  await owner.query('begin');
  try {
    for (const sql of statements) await owner.query(sql);
    await owner.query('commit');
  } catch (error) {
    await owner.query('rollback');
    throw error;
  }
}

/** The role a connection URL logs in as. */
export const roleOf = (url: string): string => decodeURIComponent(new URL(url).username) || process.env.PGUSER || process.env.USER || '';

/** `url` logging in as `role` (with `password`, when given) instead. */
export function urlAs(url: string, role: string, password?: string): string {
  const out = new URL(url);
  out.username = encodeURIComponent(role);
  out.password = password === undefined ? '' : encodeURIComponent(password);
  return out.toString();
}

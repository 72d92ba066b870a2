import pg from 'pg';

/**
 * A time-partitioned copy of `appeal` and `appeal_event` in a schema of its
 * own (bench/scale/partitioning.bench.ts), built from the public tables
 * without touching them:
 * - `appeal` by range of `received_at`, `appeal_event` by range of `at`, one
 *   partition per local month (or year) of TIME_ZONE, so that a month of the
 *   rollup is exactly one partition;
 * - primary keys (id, received_at) and (id, at): a partitioned table's unique
 *   keys must hold the partition key, so the unique `number` and
 *   `(channel, external_id)` become unique per receipt time only;
 * - the events carry `appeal_received_at` and reference `appeal(id, received_at)`
 *   (the composite foreign key every referencing table would need);
 * - the other foreign keys of `appeal` (the reference tables) and of the
 *   events, public's secondary indexes as `pg_indexes` lists them, and its
 *   triggers (append-only events, the rollup's change marks), then VACUUM ANALYZE.
 * The self-reference `appeal.repeat_of_id` cannot be kept (it would need a
 * `repeat_of_received_at`); it is left out.
 * The rows are copied with session_replication_role = replica (no per-row
 * foreign-key checks: they are consistent by construction), and the foreign
 * keys are created on the empty tables first, so nothing is validated by a join.
 */
export type Grain = 'month' | 'year';

export interface CopyOptions {
  schema: string;
  grain: Grain;
  zone: string;
  /** Build the GIN indexes (text search, trigram) too; no timed statement reads them. */
  gin: boolean;
  log: (line: string) => void;
}

export interface Partition {
  name: string;
  /** Bounds, as ISO instants: [from, to). */
  from: string;
  to: string;
}

const q = pg.escapeIdentifier;
const lit = pg.escapeLiteral;

export async function copyExists(client: pg.Client, schema: string): Promise<boolean> {
  const { rows } = await client.query(
    `select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = 'appeal_event'`,
    [schema],
  );
  return rows.length > 0;
}

export async function dropCopy(client: pg.Client, schema: string): Promise<void> {
  await client.query(`drop schema if exists ${q(schema)} cascade`);
}

/** The partitions of a partitioned table of the copy, oldest first. */
export async function partitionsOf(client: pg.Client, schema: string, table: string): Promise<Partition[]> {
  const { rows } = await client.query(
    `select c.relname as name,
            (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz as from,
            (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz as to
       from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent join pg_namespace n on n.oid = p.relnamespace
      where n.nspname = $1 and p.relname = $2`,
    [schema, table],
  );
  return rows
    .map((r) => ({ name: r.name as string, from: (r.from as Date).toISOString(), to: (r.to as Date).toISOString() }))
    .sort((a, b) => a.from.localeCompare(b.from));
}

type Step = (name: string, run: () => Promise<unknown>) => Promise<void>;

function stepper(o: CopyOptions, steps: { step: string; ms: number }[]): Step {
  return async (name, run) => {
    const t0 = Date.now();
    await run();
    const ms = Date.now() - t0;
    steps.push({ step: name, ms });
    o.log(`${new Date().toISOString()} ${name}: ${(ms / 1000).toFixed(1)} s`);
  };
}

/**
 * Creates the copy's tables empty, with their keys and indexes (so that rows
 * can be copied in several passes while a generator run still adds batches):
 * partitions from the data's first month (or `now` less four years) to the
 * month after `now`; primary and foreign keys; public's secondary indexes
 * (a generator run still building them keeps their definitions in
 * bench_dropped_index), a unique one with the partition key added (the only
 * way it can exist); public's triggers (the events' append-only guard, the
 * rollups' change marks: transition tables work on a partitioned parent).
 */
export async function createCopy(client: pg.Client, o: CopyOptions & { now: Date }): Promise<{ step: string; ms: number }[]> {
  const steps: { step: string; ms: number }[] = [];
  const step = stepper(o, steps);
  const s = q(o.schema);
  await client.query(`set search_path = public`);
  const {
    rows: [span],
  } = await client.query(
    `select to_char(date_trunc($1, least(a.lo, e.lo, $3::timestamptz - interval '1461 days') at time zone $2), 'YYYY-MM-DD') as lo,
            to_char(date_trunc($1, greatest(a.hi, e.hi, $3::timestamptz + interval '1 month') at time zone $2), 'YYYY-MM-DD') as hi
       from (select min(received_at) as lo, max(received_at) as hi from appeal) a, (select min(at) as lo, max(at) as hi from appeal_event) e`,
    [o.grain, o.zone, o.now],
  );
  const { rows: bounds } = await client.query(
    `select to_char(g, 'YYYY_MM') as label, (g at time zone $3) as from, ((g + ('1 ' || $4)::interval) at time zone $3) as to
       from generate_series($1::timestamp, $2::timestamp, ('1 ' || $4)::interval) g`,
    [span.lo, span.hi, o.zone, o.grain],
  );
  await step(`tables and ${bounds.length} partitions each`, async () => {
    await client.query(`create schema ${s}`);
    await client.query(`create table ${s}.copy_mark (tab text primary key, last tid not null, copied bigint not null default 0)`);
    await client.query(
      `create table ${s}.appeal (like public.appeal including defaults including constraints including storage) partition by range (received_at)`,
    );
    await client.query(
      `create table ${s}.appeal_event (like public.appeal_event including defaults including constraints including storage) partition by range (at)`,
    );
    await client.query(`alter table ${s}.appeal_event add column appeal_received_at timestamptz not null`);
    for (const b of bounds) {
      const label = o.grain === 'year' ? `y${b.label.slice(0, 4)}` : `p${b.label}`;
      const range = `for values from (${lit(b.from.toISOString())}) to (${lit(b.to.toISOString())})`;
      await client.query(`create table ${s}.${q(`appeal_${label}`)} partition of ${s}.appeal ${range}`);
      await client.query(`create table ${s}.${q(`appeal_event_${label}`)} partition of ${s}.appeal_event ${range}`);
    }
  });
  const { rows: fks } = await client.query(
    `select conrelid::regclass::text as tab, conname, pg_get_constraintdef(oid) as def from pg_constraint
      where contype = 'f' and conrelid in ('public.appeal'::regclass, 'public.appeal_event'::regclass) and confrelid <> 'public.appeal'::regclass`,
  );
  await step(`primary keys (id, received_at), (id, at); ${fks.length + 1} foreign keys, one (appeal_id, appeal_received_at) -> appeal`, async () => {
    await client.query(`alter table ${s}.appeal add constraint appeal_pkey primary key (id, received_at)`);
    await client.query(`alter table ${s}.appeal_event add constraint appeal_event_pkey primary key (id, at)`);
    for (const fk of fks) await client.query(`alter table ${s}.${q(fk.tab)} add constraint ${q(fk.conname)} ${fk.def}`);
    await client.query(
      `alter table ${s}.appeal_event add constraint appeal_event_appeal_id_foreign foreign key (appeal_id, appeal_received_at)
       references ${s}.appeal (id, received_at) on update cascade`,
    );
  });
  const { rows: saved } = await client.query(`select to_regclass('public.bench_dropped_index') is not null as saved`);
  const { rows: indexes } = await client.query(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename in ('appeal', 'appeal_event')
      and indexname not in ('appeal_pkey', 'appeal_event_pkey')
     ${saved[0].saved ? 'union select name, definition from bench_dropped_index' : ''}`,
  );
  const defs: string[] = [];
  for (const { indexname, indexdef } of indexes.sort((a, b) => (a.indexname < b.indexname ? -1 : 1))) {
    if (defs.some((d) => d.includes(`INDEX ${indexname} ON`))) continue;
    if (/USING gin/.test(indexdef) && !o.gin) {
      o.log(`index ${indexname}: left out (GIN; BENCH_GIN=1 builds it)`);
      continue;
    }
    let def = (indexdef as string).replace(/ ON public\.(appeal(?:_event)?) USING /, ` ON ${s}.$1 USING `);
    if (/^CREATE UNIQUE/.test(def)) def = def.replace(/USING btree \((.*)\)$/, 'USING btree ($1, received_at)');
    defs.push(def);
  }
  await step(`${defs.length} secondary indexes (empty)`, async () => {
    for (const def of defs) await client.query(def);
  });
  const { rows: triggers } = await client.query(
    `select tgname, pg_get_triggerdef(oid) as def from pg_trigger where tgrelid in ('public.appeal'::regclass, 'public.appeal_event'::regclass) and not tgisinternal`,
  );
  await step(`${triggers.length} triggers`, async () => {
    for (const t of triggers) {
      const def = (t.def as string).replace(/ ON public\.(appeal(?:_event)?) /, ` ON ${s}.$1 `);
      try {
        await client.query(def);
      } catch (error) {
        o.log(`trigger ${t.tgname} not copied: ${(error as Error).message}`);
      }
    }
  });
  await client.query(`insert into ${s}.copy_mark (tab, last) values ('appeal', '(0,0)'), ('appeal_event', '(0,0)')`);
  return steps;
}

/**
 * Copies the rows the copy does not hold yet: those after the last copied
 * one in public's heap (a generator only appends, a batch at a time), in one
 * snapshot per table (a batch's appeals and events commit together), the
 * appeals and the events side by side on the two connections, without per-row
 * checks (session_replication_role = replica: the rows are consistent by
 * construction); the keys and indexes are kept as the rows go in, partition by partition.
 */
export async function copyRows(lanes: [pg.Client, pg.Client], o: CopyOptions): Promise<{ step: string; ms: number }[]> {
  const steps: { step: string; ms: number }[] = [];
  const step = stepper(o, steps);
  const s = q(o.schema);
  const copy = async (c: pg.Client, table: 'appeal' | 'appeal_event') => {
    await c.query(`set search_path = public; set synchronous_commit = off; set work_mem = '1GB'; set session_replication_role = replica`);
    await c.query('begin isolation level repeatable read');
    try {
      const {
        rows: [{ last }],
      } = await c.query(`select last::text as last from ${s}.copy_mark where tab = $1`, [table]);
      const select =
        table === 'appeal'
          ? `select * from public.appeal where ctid > $1::tid`
          : `select e.*, a.received_at from public.appeal_event e join public.appeal a on a.id = e.appeal_id where e.ctid > $1::tid`;
      const { rowCount } = await c.query(`insert into ${s}.${table} ${select}`, [last]);
      await c.query(
        `update ${s}.copy_mark set last = coalesce((select max(ctid) from public.${table} where ctid > $1::tid), last), copied = copied + $2 where tab = $3`,
        [last, rowCount ?? 0, table],
      );
      await c.query('commit');
      o.log(`${table}: ${rowCount} rows copied after ${last}`);
    } catch (error) {
      await c.query('rollback');
      throw error;
    } finally {
      await c.query(`set session_replication_role = origin; reset work_mem`);
    }
  };
  await Promise.all([
    step('copy appeal (lane 1)', () => copy(lanes[0], 'appeal')),
    step("copy appeal_event, with its appeal's received_at (lane 2)", () => copy(lanes[1], 'appeal_event')),
  ]);
  return steps;
}

/** VACUUM ANALYZE of both tables (all their partitions), side by side. */
export async function analyzeCopy(lanes: [pg.Client, pg.Client], o: CopyOptions): Promise<{ step: string; ms: number }[]> {
  const steps: { step: string; ms: number }[] = [];
  const step = stepper(o, steps);
  const s = q(o.schema);
  await Promise.all([
    step('vacuum analyze appeal', () => lanes[0].query(`vacuum analyze ${s}.appeal`)),
    step('vacuum analyze appeal_event', () => lanes[1].query(`vacuum analyze ${s}.appeal_event`)),
  ]);
  return steps;
}

export interface TableSize {
  table: string;
  heap: number;
  indexes: number;
  partitions: number;
}

/** Heap and index bytes of a table, summed over its partitions when it has any. */
export async function tableSize(client: pg.Client, schema: string, table: string): Promise<TableSize> {
  const {
    rows: [r],
  } = await client.query(
    `with t as (select relid, isleaf from pg_partition_tree(format('%I.%I', $1::text, $2::text)::regclass)
                union all select format('%I.%I', $1::text, $2::text)::regclass, true
                where not exists (select 1 from pg_partition_tree(format('%I.%I', $1::text, $2::text)::regclass)))
     select coalesce(sum(pg_relation_size(t.relid) + pg_relation_size(t.relid, 'fsm') + pg_relation_size(t.relid, 'vm') +
              coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0)), 0)::float8 as heap,
            coalesce(sum(pg_indexes_size(t.relid)), 0)::float8 as indexes, (count(*) filter (where t.isleaf))::int as leaves
       from t join pg_class c on c.oid = t.relid`,
    [schema, table],
  );
  return { table: `${schema}.${table}`, heap: r.heap, indexes: r.indexes, partitions: r.leaves > 1 ? r.leaves : 0 };
}

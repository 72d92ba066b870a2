/**
 * What each part of an appeal's write costs the database, on the data set at
 * hand (BENCH_IMPORT_VARIANTS=1 of bench/import-appeals.bench.ts). The rows
 * the import just wrote (appeals and their audit entries) are copied aside
 * under new keys and inserted again, `insert … select`, in a transaction
 * rolled back each time, under variants: as written (time-ordered ids), with
 * random ids instead, without one or both GIN search indexes, and with
 * larger GIN pending lists cleaned after the insert. For each: the backend's
 * CPU per appeal (from /proc, so the machine's load inflates it less than the
 * wall time), the blocks read from outside the shared buffers and the WAL.
 * The GIN pending lists are cleaned before each run, so no run pays for
 * another's entries.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';

interface Variant {
  ddl: string[];
  appeals: string;
  events: string;
  /** Clean the GIN pending lists inside the measured part (a variant that defers their merge pays it here). */
  cleanAfter?: boolean;
}

const LARGE_PENDING = ['appeal_search_idx', 'appeal_place_trgm_idx'].map((index) => `alter index ${index} set (gin_pending_list_limit = 65536)`);
const VARIANTS: Record<string, Variant> = {
  'time-ordered ids (as the import writes)': { ddl: [], appeals: 'v_appeal', events: 'v_event' },
  'random ids (UUID v4)': { ddl: [], appeals: 'v_appeal4', events: 'v_event4' },
  'without the trigram index': { ddl: ['drop index appeal_place_trgm_idx'], appeals: 'v_appeal', events: 'v_event' },
  'without the text-search index': { ddl: ['drop index appeal_search_idx'], appeals: 'v_appeal', events: 'v_event' },
  'without both GIN indexes': { ddl: ['drop index appeal_search_idx', 'drop index appeal_place_trgm_idx'], appeals: 'v_appeal', events: 'v_event' },
  'GIN pending lists 64 MB, merged after': { ddl: LARGE_PENDING, appeals: 'v_appeal', events: 'v_event', cleanAfter: true },
};

const CLEAN = `select gin_clean_pending_list('appeal_search_idx'), gin_clean_pending_list('appeal_place_trgm_idx')`;

async function backendCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ 100
}

export interface CopiedAside {
  client: pg.Client;
  appeals: number;
  pid: number;
}

/**
 * Copies the appeals whose external id matches `pattern`, and their audit
 * entries, into this session's temporary tables under new keys and new ids:
 * once time-ordered (as the import makes them), once random (as before).
 */
export async function copyImportedAside(url: string, pattern: string): Promise<CopiedAside> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create temp table v_source as select * from appeal where external_id like $1`, [pattern]);
    await client.query(`update v_source set external_id = external_id || '-v', number = number || 'v'`);
    await client.query(`create temp table v_source_event as select e.* from appeal_event e where e.appeal_id in (select id from v_source)`);
    // Both copies get ids never stored before, so neither meets the removed originals' index entries.
    await copyWithNewIds(client, '', TIME_ORDERED_ID);
    await copyWithNewIds(client, '4', 'gen_random_uuid()');
    const {
      rows: [{ n, pid }],
    } = await client.query(`select count(*)::int as n, pg_backend_pid() as pid from v_appeal`);
    return { client, appeals: n, pid };
  } catch (error) {
    await client.end();
    throw error;
  }
}

/** A UUID v7 in SQL (PostgreSQL 15 has none): the milliseconds now plus the row's rank, so the ids rise in the rows' order. */
const TIME_ORDERED_ID = `(lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint + row_number() over (order by id)), 12, '0')
  || '7' || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`;

/** `v_appeal<suffix>` and `v_event<suffix>`: the source rows with new ids from `idSql` (in the order of the old ids), links remapped. */
async function copyWithNewIds(client: pg.Client, suffix: string, idSql: string): Promise<void> {
  await client.query(`create temp table v_ids${suffix} as select id as old, ${idSql} as new from v_source`);
  await client.query(`create temp table v_event_ids${suffix} as select id as old, ${idSql} as new from v_source_event`);
  await client.query(`create temp table v_appeal${suffix} as select * from v_source`);
  await client.query(`update v_appeal${suffix} a set id = m.new from v_ids${suffix} m where m.old = a.id`);
  await client.query(`update v_appeal${suffix} a set repeat_of_id = m.new from v_ids${suffix} m where m.old = a.repeat_of_id`);
  await client.query(`create temp table v_event${suffix} as select * from v_source_event`);
  await client.query(`update v_event${suffix} e set appeal_id = m.new from v_ids${suffix} m where m.old = e.appeal_id`);
  await client.query(`update v_event${suffix} e set id = m.new from v_event_ids${suffix} m where m.old = e.id`);
}

/** Runs the variants `rounds` times over the copies. Needs a superuser (drops indexes inside the rolled-back transactions). */
export async function measureInsertVariants({ client, appeals: n, pid }: CopiedAside, rounds = 2): Promise<void> {
  try {
    console.log(`\nthe database's cost of writing an appeal (${n} appeals and their entries, insert … select, rolled back; ${rounds} rounds):`);
    await client.query(CLEAN);
    for (let round = 0; round < rounds; round++) {
      for (const [name, variant] of Object.entries(VARIANTS)) {
        await client.query('begin');
        for (const ddl of variant.ddl) await client.query(ddl);
        const cpuBefore = await backendCpuMs(pid);
        const started = performance.now();
        const plans: Record<string, unknown>[] = [];
        for (const [table, from] of [
          ['appeal', variant.appeals],
          ['appeal_event', variant.events],
        ]) {
          const { rows } = await client.query(`explain (analyze, buffers, wal, timing off, format json) insert into ${table} select * from ${from}`);
          plans.push(rows[0]['QUERY PLAN'][0].Plan);
        }
        if (variant.cleanAfter) await client.query(CLEAN);
        const wall = performance.now() - started;
        const cpu = (await backendCpuMs(pid)) - cpuBefore;
        await client.query('rollback');
        await client.query(CLEAN);
        const sum = (key: string) => plans.reduce((total, plan) => total + Number(plan[key] ?? 0), 0);
        console.log(
          `  ${name.padEnd(40)} CPU ${((cpu / n) * 1000).toFixed(0).padStart(4)} µs an appeal (wall ${wall.toFixed(0)} ms), ` +
            `${(sum('Shared Read Blocks') / n).toFixed(1)} blocks read, WAL ${(sum('WAL Bytes') / n / 1024).toFixed(1)} kB (${sum('WAL FPI')} full pages)`,
        );
      }
    }
  } finally {
    await client.end();
  }
}

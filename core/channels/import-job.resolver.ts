import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import type { RequestContext } from '../auth/request-context.js';
import { connectionType, readPageArgs, toConnection, ForwardPageArgs } from '../graphql/pagination.js';
import { requireUser } from '../auth/require-user.js';
import { notFound } from '../errors/errors.js';
import { ChannelRecordStatus } from '../entities/channel-enums.js';
import { ChannelRecord } from './channel-record.entity.js';
import { ImportJob } from './import-job.entity.js';
import { findImportJob } from './import-job.query.js';
import { and, empty, query, queryOne, raw, sql, type Sql } from '../db/sql.js';

@InputType({ description: 'Отбор записей каналов' })
class ChannelRecordFilter {
  @Field(() => String, { nullable: true, description: 'Код адаптера: pos, regional-csv, regional-xlsx, social, letters, open311' }) adapter?: string | null;
  @Field(() => [ChannelRecordStatus], { nullable: true, description: 'Что стало с записью (любое из)' }) status?: ChannelRecordStatus[] | null;
  @Field(() => ID, { nullable: true, description: 'Только записи этой загрузки файла' }) jobId?: string | null;
}

@ArgsType()
class ChannelRecordsArgs extends ForwardPageArgs {
  @Field(() => ChannelRecordFilter, { nullable: true, description: 'Отбор' }) filter?: ChannelRecordFilter | null;
}

const ChannelRecordConnection = connectionType(ChannelRecord, 'ChannelRecord');

/** Progress of imports, and the records channels sent: what was rejected and why, kept for a retry. */
@Resolver(() => ChannelRecord)
export class ChannelRecordResolver {
  @Query(() => ImportJob, { nullable: true, description: 'Ход загрузки файла (канал видит только свои загрузки)' })
  async importJob(@Arg('id', () => ID, { description: 'Идентификатор загрузки (UUID)' }) id: string, @Ctx() ctx: RequestContext) {
    const job = await findImportJob(ctx.em, id, requireUser(ctx));
    if (!job) throw notFound('Загрузка', id);
    return job;
  }

  @Query(() => ChannelRecordConnection, { description: 'Записи из каналов: отклонённые и ожидающие повтора — с местом в файле и ошибкой' })
  async channelRecords(@Args(() => ChannelRecordsArgs) args: ChannelRecordsArgs, @Ctx() ctx: RequestContext) {
    const page = readPageArgs(args, ['number', 'uuid']);
    const f = args.filter;
    const conditions: Sql[] = [];
    if (f?.adapter) conditions.push(sql`r.adapter = ${f.adapter}`);
    if (f?.status?.length) conditions.push(sql`r.status = any(${f.status}::channel_record_status[])`);
    if (f?.jobId) conditions.push(sql`r.job_id = ${f.jobId}`);
    const where = and(conditions);
    // Within a job, in file order; otherwise the most recently changed first.
    const byPosition = Boolean(f?.jobId);
    const sort = raw(byPosition ? 'coalesce(r.position, 0)' : 'extract(epoch from r.updated_at)');
    const dir = raw(byPosition ? 'asc' : 'desc');
    const after = page.cursor ? sql`and (${sort}::float8, r.id::text) ${raw(byPosition ? '>' : '<')} (${page.cursor[0]}, ${page.cursor[1]})` : empty;
    const rows = await query(
      ctx.em,
      sql`select r.*, ${sort}::float8 as sort_key, r.id::text as id_key from channel_record r
      where ${where} ${after} order by ${sort} ${dir}, r.id::text ${dir} limit ${page.limit + 1}`,
    );
    const keys = new Map<string, number>();
    const records = rows.map(({ sort_key, id_key: _id, ...row }) => {
      const record = ctx.em.map(ChannelRecord, row);
      keys.set(record.id, Number(sort_key));
      return record;
    });
    return toConnection(
      records,
      page,
      (r) => [keys.get(r.id), r.id],
      async () => {
        const counted = await queryOne<{ count: string }>(ctx.em, sql`select count(*) as count from channel_record r where ${where}`);
        return Number(counted!.count);
      },
    );
  }

  @FieldResolver(() => JsonScalar, { description: 'Запись как её прислал канал (с персональными данными: только для ЦУР)' })
  raw(@Root() record: ChannelRecord) {
    return record.raw;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Обращение, которым запись принята' })
  appealId(@Root() record: ChannelRecord) {
    return record.appeal?.id ?? null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Загрузка файла, из которой запись; null — пришла не из файла' })
  jobId(@Root() record: ChannelRecord) {
    return record.job?.id ?? null;
  }
}

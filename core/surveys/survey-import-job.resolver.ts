import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth/request-context.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { requireUser } from '../auth/require-user.js';
import { ImportJobStatus } from '../entities/channel-enums.js';
import { query, queryOne, sql } from '../db/sql.js';
import { Role } from '../entities/enums.js';
import { notFound } from '../errors/errors.js';
import { findSurvey } from './survey.service.js';
import { SURVEY_IMPORT_KIND } from './survey-import-job.js';

@ObjectType({ description: 'Строка файла ответов, не записанная, с ошибкой' })
export class SurveyImportRowError {
  @Field(() => Int, { description: 'Номер строки в файле (заголовок — строка 1)' }) row!: number;
  @Field(() => String, { description: 'Ключ строки' }) rowKey!: string;
  @Field(() => String, { description: 'Код ошибки (BAD_USER_INPUT)' }) code!: string;
  @Field(() => String, { nullable: true, description: 'Столбец с ошибкой: rowKey, municipality, submittedAt или код вопроса' }) field!: string | null;
  @Field(() => String, { description: 'Что не так' }) message!: string;
}

@ObjectType({ description: 'Загрузка файла ответов офлайн-опроса (задание импорта) и её ход' })
export class SurveyImportJob {
  @Field(() => ID, { description: 'Идентификатор задания (UUID)' }) id!: string;
  @Field(() => ID, { description: 'Опрос' }) surveyId!: string;
  @Field(() => String, { nullable: true, description: 'Имя файла' }) fileName!: string | null;
  @Field(() => ImportJobStatus, { description: 'Состояние: идёт, готово или прервано' }) status!: ImportJobStatus;
  @Field(() => Int, { description: 'Строк с ответами в файле' }) total!: number;
  @Field(() => Int, { description: 'Строк обработано' }) processed!: number;
  @Field(() => Int, { description: 'Записано новых ответов' }) created!: number;
  @Field(() => Int, { description: 'Строк, ключ которых в опросе уже был (ничего не удвоено)' }) existing!: number;
  @Field(() => Int, { description: 'Строк с ошибкой (см. errors)' }) failed!: number;
  @Field(() => String, { nullable: true, description: 'Почему загрузка прервана' }) error!: string | null;
  @Field(() => DateTime, { description: 'Начало' }) startedAt!: Date;
  @Field(() => DateTime, { nullable: true, description: 'Окончание; null — ещё идёт' }) finishedAt!: Date | null;
  @Field(() => [SurveyImportRowError], { description: 'Строки с ошибками, по порядку в файле (не больше 1000)' }) errors!: SurveyImportRowError[];
}

interface JobRow {
  id: string;
  survey_id: string;
  file_name: string | null;
  status: ImportJobStatus;
  total: number;
  processed: number;
  accepted: number;
  merged: number;
  rejected: number;
  error: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  submitted_by_id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver()
export class SurveyImportJobResolver {
  @Query(() => SurveyImportJob, { description: 'Ход загрузки файла ответов опроса и строки с ошибками (в пределах прав на опрос)' })
  async surveyImportJob(
    @Arg('id', () => ID, { description: 'Идентификатор задания (из ответа POST /surveys/{id}/responses)' }) id: string,
    @Ctx() ctx: RequestContext,
  ) {
    const user = requireUser(ctx);
    const job = UUID.test(id)
      ? await queryOne<JobRow>(
          ctx.em,
          sql`select id, options->>'surveyId' as survey_id, file_name, status, total, processed, accepted, merged, rejected, error,
            started_at, finished_at, submitted_by_id from import_job where id = ${id}::uuid and adapter = ${SURVEY_IMPORT_KIND}`,
        )
      : null;
    // A service account sees its own uploads; everyone the surveys in scope (another's survey is not revealed).
    if (!job || (user.role === Role.INTEGRATION && job.submitted_by_id !== user.id)) throw notFound('Загрузка', id);
    await findSurvey(ctx.em, user, job.survey_id).catch(() => {
      throw notFound('Загрузка', id);
    });
    const errors = await query<SurveyImportRowError>(
      ctx.em,
      sql`select row, row_key as "rowKey", code, field, message from survey_import_row where job_id = ${job.id}::uuid order by row limit 1000`,
    );
    return {
      id: job.id,
      surveyId: job.survey_id,
      fileName: job.file_name,
      status: job.status,
      total: job.total,
      processed: job.processed,
      created: job.accepted - job.merged,
      existing: job.merged,
      failed: job.rejected,
      error: job.error,
      startedAt: new Date(job.started_at),
      finishedAt: job.finished_at ? new Date(job.finished_at) : null,
      errors,
    };
  }
}

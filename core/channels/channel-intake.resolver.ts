import { Arg, Ctx, Field, ID, Info, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { existingAppealAnswer } from '../auth/existing-appeal-answer.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Appeal } from '../entities/appeal.entity.js';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { appError, badInput } from '../errors/errors.js';
import { channelModule, type ChannelServices } from './channel-module.js';
import { prepareItem, type RecordResult } from './channel-ingest.service.js';
import { lettersAdapter } from './adapters/letters.adapter.js';
import { retryRecords } from './import-job.service.js';
import { ChannelRecordStatus } from '../entities/channel-enums.js';

@InputType({ description: 'Автор письма' })
class LetterAuthorInput {
  @Field(() => String, { nullable: true, description: 'ФИО автора (персональные данные)' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail автора (персональные данные)' }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'Телефон автора (персональные данные)' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Почтовый адрес для ответа (ч. 1 ст. 7 59-ФЗ)' }) postalAddress?: string | null;
}

@InputType({ description: 'Вложение: скан письма или файл из письма' })
class LetterAttachmentInput {
  @Field(() => String, { description: 'Ссылка на файл вложения' }) url!: string;
  @Field(() => String, { nullable: true, description: 'Имя файла' }) name?: string | null;
}

@InputType({ description: 'Письмо или электронное обращение по 59-ФЗ, вносимое специалистом ЦУР' })
class LetterInput {
  @Field(() => String, { description: 'LETTER — письмо (скан), EMAIL — электронная почта' }) kind!: string;
  @Field(() => String, { description: 'Message-ID письма, почтовый идентификатор или номер скана: повторный ввод не создаёт второе обращение' })
  sourceId!: string;
  @Field(() => DateTime, { description: 'Дата поступления: с неё идут 3 дня на регистрацию (ч. 2 ст. 8 59-ФЗ)' }) receivedAt!: Date;
  @Field(() => String, { description: 'Текст письма' }) text!: string;
  @Field(() => LetterAuthorInput, { nullable: true, description: 'Автор письма' }) author?: LetterAuthorInput | null;
  @Field(() => String, { nullable: true, description: 'Адрес места, о котором письмо' }) address?: string | null;
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование (если известно)' }) municipalityId?: string | null;
  @Field(() => String, { nullable: true, description: 'Код отраслевого блока (если известен; иначе — автоматическая структуризация)' }) sector?: string | null;
  @Field(() => String, { nullable: true, description: 'Код рубрики (если известна)' }) category?: string | null;
  @Field(() => [LetterAttachmentInput], { nullable: true, description: 'Вложения письма' }) attachments?: LetterAttachmentInput[] | null;
}

@ObjectType({ description: 'Результат регистрации письма' })
class LetterRegistration {
  @Field(() => Appeal, { description: 'Зарегистрированное обращение' }) appeal!: Appeal;
  @Field(() => Boolean, { description: 'false — это письмо уже было внесено (то же sourceId)' }) created!: boolean;
  @Field(() => ID, { description: 'Запись канала, через которую письмо принято' }) channelRecordId!: string;
}

@ObjectType({ description: 'Итог повторной обработки записи' })
class ChannelRecordRetryResult {
  @Field(() => ID, { description: 'Запись канала' }) recordId!: string;
  @Field(() => ChannelRecordStatus, { description: 'Итог повторной попытки' }) status!: ChannelRecordStatus;
  @Field(() => ID, { nullable: true, description: 'Созданное или найденное обращение (для ACCEPTED)' }) appealId!: string | null;
  @Field(() => String, { nullable: true, description: 'Код ошибки (для REJECTED и PENDING_RETRY)' }) errorCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Ошибка по-русски' }) errorMessage!: string | null;
}

const statusOf = (result: RecordResult) =>
  result.outcome === 'REJECTED'
    ? ChannelRecordStatus.REJECTED
    : result.outcome === 'PENDING_RETRY'
      ? ChannelRecordStatus.PENDING_RETRY
      : ChannelRecordStatus.ACCEPTED;

function ingestOf(ctx: RequestContext<ChannelServices>) {
  const module = channelModule(ctx.app);
  if (!module.ingest) throw appError('INTERNAL_SERVER_ERROR', 'Приём обращений из каналов не подключён');
  return module;
}

/**
 * Operations that take records in through the lifecycle's intake. They are
 * in the schema only when the intake is wired (schema/build-schema.ts).
 */
@Resolver()
export class ChannelIntakeResolver {
  @Mutation(() => LetterRegistration, { description: 'Внести письмо или электронное обращение по 59-ФЗ (специалист ЦУР)' })
  async registerLetter(
    @Arg('input', () => LetterInput, { description: 'Письмо' }) input: LetterInput,
    @Ctx() ctx: RequestContext<ChannelServices>,
    @Info() info: GraphQLResolveInfo,
  ) {
    const user = requireUser(ctx);
    const module = ingestOf(ctx);
    const record = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
    const prepared = prepareItem(lettersAdapter, { position: 1, record }, {}, module.contextFor(ctx.clock.now()));
    const [result] = await module.ingest!.ingest(lettersAdapter, [prepared], { actor: { user }, submittedBy: user.id });
    if (result.outcome === 'REJECTED' || result.outcome === 'PENDING_RETRY') {
      const [first] = result.errors;
      if (result.outcome === 'PENDING_RETRY') throw appError('INTERNAL_SERVER_ERROR', 'Письмо сохранено, но не принято; повторите позже');
      throw badInput(`input.${first?.field ?? 'text'}`, first?.message ?? 'Письмо не принято');
    }
    const appeal = await ctx.em.findOneOrFail(Appeal, { id: result.appealId! });
    const created = result.outcome === 'CREATED';
    return { appeal: created ? appeal : await existingAppealAnswer(ctx, appeal, info), created, channelRecordId: result.recordId };
  }

  @Mutation(() => [ChannelRecordRetryResult], { description: 'Повторить приём отклонённых или отложенных записей каналов' })
  async retryChannelRecords(
    @Arg('ids', () => [ID], { description: 'Записи каналов для повторной попытки' }) ids: string[],
    @Ctx() ctx: RequestContext<ChannelServices>,
  ) {
    const user = requireUser(ctx);
    if (!ids.length || ids.length > 1000) throw badInput('ids', 'От 1 до 1000 записей за раз');
    const module = ingestOf(ctx);
    const results = await retryRecords(ctx.app, module.ingest!, module.contextFor, ids, user);
    return results.map((r) => ({
      recordId: r.recordId,
      status: statusOf(r),
      appealId: r.appealId,
      errorCode: r.errorCode,
      errorMessage: r.errors[0]?.message ?? null,
    }));
  }
}

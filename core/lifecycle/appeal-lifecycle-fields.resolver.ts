import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { User } from '../entities/user.entity.js';
import { Appeal } from '../entities/appeal.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { AppealResponse } from '../entities/response.entity.js';
import type { RequestContext } from '../auth/request-context.js';
import { allowedActions, AppealAction } from './status-machine.js';
import { Satisfaction } from './lifecycle-types.js';
import { hasAnsweringAnnouncement } from './answering-announcement.loader.js';

/** Lifecycle fields of Appeal: answers, rating, what the caller may do next. */
@Resolver(() => Appeal)
export class AppealLifecycleFieldsResolver {
  @FieldResolver(() => [AppealResponse], { description: 'Ответы органа, по времени, с решениями ЦУР' })
  responses(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .named<string, AppealResponse[]>('appealResponses', async (ids, em) => {
        const rows = await em.find(AppealResponse, { appeal: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
        return ids.map((id) => rows.filter((row) => row.appeal.id === id));
      })
      .load(appeal.id);
  }

  @FieldResolver(() => Satisfaction, { nullable: true, description: 'Оценка ответа автором' })
  satisfaction(@Root() appeal: Appeal): Satisfaction | null {
    if (appeal.satisfactionScore == null || !appeal.ratedAt) return null;
    return { score: appeal.satisfactionScore, comment: appeal.satisfactionComment ?? null, ratedAt: appeal.ratedAt, negative: appeal.satisfactionScore <= 2 };
  }

  @FieldResolver(() => [AppealAction], { description: 'Действия, доступные текущему пользователю в текущем статусе' })
  async allowedActions(@Root() appeal: Appeal, @Ctx() ctx: RequestContext): Promise<AppealAction[]> {
    if (!ctx.user) return [];
    const actions = allowedActions(appeal, ctx.user.role, ctx.clock.now());
    // Closing with an announcement needs one that answered the appeal at intake (closeAppealByAnnouncement).
    if (!actions.includes(AppealAction.CLOSE_BY_ANNOUNCEMENT) || (await hasAnsweringAnnouncement(ctx, appeal.id))) return actions;
    return actions.filter((action) => action !== AppealAction.CLOSE_BY_ANNOUNCEMENT);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Орган, на действия которого подана жалоба' })
  complaintAgainst(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    const id = appeal.complaintAgainst?.id;
    return id ? ctx.loaders.organization.load(id) : null;
  }
}

@ObjectType({ description: 'Вложение ответа (сведения о файле)' })
class Attachment {
  @Field(() => String, { description: 'Имя файла' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Где файл лежит (ссылка)' }) url!: string | null;
  @Field(() => String, { nullable: true, description: 'Тип содержимого (MIME), например application/pdf' }) mimeType!: string | null;
  @Field(() => Int, { nullable: true, description: 'Размер, байт' }) sizeBytes!: number | null;
}

@Resolver(() => AppealResponse)
export class AppealResponseFieldsResolver {
  @FieldResolver(() => [Attachment], { description: 'Вложения ответа' })
  attachments(@Root() response: AppealResponse): Attachment[] {
    return (response.attachments ?? []).map((a) => ({ name: a.name, url: a.url ?? null, mimeType: a.mimeType ?? null, sizeBytes: a.sizeBytes ?? null }));
  }

  @FieldResolver(() => User, { nullable: true, description: 'Кто подготовил ответ' })
  author(@Root() response: AppealResponse, @Ctx() ctx: RequestContext) {
    return response.author ? ctx.loaders.user.load(response.author.id) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Кто проверил ответ в ЦУР' })
  reviewer(@Root() response: AppealResponse, @Ctx() ctx: RequestContext) {
    return response.reviewer ? ctx.loaders.user.load(response.reviewer.id) : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Орган, подготовивший ответ' })
  organization(@Root() response: AppealResponse, @Ctx() ctx: RequestContext) {
    return response.organizationId ? ctx.loaders.organization.load(response.organizationId) : null;
  }
}

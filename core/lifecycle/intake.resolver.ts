import { Arg, Ctx, Info, Mutation, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { ImportAppealsPayload, ImportRowStatus, RegisterAppealPayload } from './lifecycle-types.js';
import { RegisterAppealInput } from './register-appeal.input.js';
import { registerAppeal } from './register-appeal.service.js';
import { importAppeals } from './import-appeals.service.js';
import { existingAppealAnswer } from '../auth/existing-appeal-answer.js';
import type { LifecycleServices } from './lifecycle-services.js';

@Resolver()
export class IntakeResolver {
  @Mutation(() => RegisterAppealPayload, {
    description: 'Регистрация обращения из любого канала; идемпотентна по (channel, externalId)',
  })
  async registerAppeal(
    @Arg('input', () => RegisterAppealInput, { description: 'Обращение; повтор того же (channel, externalId) вернёт существующее с created: false' })
    input: RegisterAppealInput,
    @Ctx() ctx: RequestContext<LifecycleServices>,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await registerAppeal(ctx.app, ctx.em, { user: requireUser(ctx) }, input);
    // An appeal that existed before is answered only as far as this caller may see it (not as its first registrant saw it).
    return result.created ? result : { ...result, appeal: await existingAppealAnswer(ctx, result.appeal, info) };
  }

  @Mutation(() => ImportAppealsPayload, {
    description: 'Пакетная загрузка до 10 000 обращений: результат по каждой строке, верные строки сохраняются всегда',
  })
  async importAppeals(
    @Arg('input', () => [RegisterAppealInput], { description: 'До 10 000 обращений; каждая строка проверяется отдельно, итог — по строке' })
    input: RegisterAppealInput[],
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ): Promise<ImportAppealsPayload> {
    const result = await importAppeals(ctx.app, ctx.em, { user: requireUser(ctx) }, input);
    return {
      results: result.rows.map((row) => ({ ...row, status: ImportRowStatus[row.status] })),
      created: result.created,
      existing: result.existing,
      failed: result.failed,
    };
  }
}

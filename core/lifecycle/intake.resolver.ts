import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { requireUser } from '../auth/require-user.js';
import { ImportAppealsPayload, ImportRowStatus, RegisterAppealPayload } from './lifecycle-types.js';
import { RegisterAppealInput } from './register-appeal.input.js';
import { registerAppeal } from './register-appeal.service.js';
import { importAppeals } from './import-appeals.service.js';

@Resolver()
export class IntakeResolver {
  @Mutation(() => RegisterAppealPayload, {
    description: 'Регистрация обращения из любого канала; идемпотентна по (channel, externalId)',
  })
  registerAppeal(@Arg('input', () => RegisterAppealInput) input: RegisterAppealInput, @Ctx() ctx: RequestContext) {
    return registerAppeal(ctx.app, ctx.em, { user: requireUser(ctx) }, input);
  }

  @Mutation(() => ImportAppealsPayload, {
    description: 'Пакетная загрузка до 10 000 обращений: результат по каждой строке, верные строки сохраняются всегда',
  })
  async importAppeals(@Arg('input', () => [RegisterAppealInput]) input: RegisterAppealInput[], @Ctx() ctx: RequestContext): Promise<ImportAppealsPayload> {
    const result = await importAppeals(ctx.app, ctx.em, { user: requireUser(ctx) }, input);
    return {
      results: result.rows.map((row) => ({ ...row, status: ImportRowStatus[row.status] })),
      created: result.created,
      existing: result.existing,
      failed: result.failed,
    };
  }
}

import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PersonalDataAccess, User } from '../entities/index.js';
import type { RequestContext } from '../graphql/context.js';
import { connectionType, readPageArgs, toConnection, ForwardPageArgs } from '../graphql/pagination.js';

@ArgsType()
class PersonalDataAccessLogArgs extends ForwardPageArgs {
  @Field(() => ID, { description: 'Обращение, чьи персональные данные читали' }) appealId!: string;
  @Field(() => ID, { nullable: true, description: 'Только чтения этого пользователя' }) userId?: string | null;
}

const PersonalDataAccessConnection = connectionType(PersonalDataAccess, 'PersonalDataAccess');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who read an author's personal data, newest first (152-ФЗ art. 19: the record of access). */
@Resolver(() => PersonalDataAccess)
export class PersonalDataLogResolver {
  @Query(() => PersonalDataAccessConnection, { description: 'Журнал доступа к персональным данным автора обращения' })
  async personalDataAccessLog(@Args(() => PersonalDataAccessLogArgs) args: PersonalDataAccessLogArgs, @Ctx() ctx: RequestContext) {
    const page = readPageArgs(args, ['timestamp', 'uuid']);
    const knex = ctx.em.getKnex();
    const base = () => {
      const q = knex('pii_access_log as l');
      if (!UUID.test(args.appealId) || (args.userId && !UUID.test(args.userId))) return q.whereRaw('false');
      q.where('l.appeal_id', args.appealId);
      if (args.userId) q.where('l.user_id', args.userId);
      return q;
    };
    const query = base().select('l.*');
    if (page.cursor) query.whereRaw('(l.at, l.id) < (?, ?)', page.cursor as [string, string]);
    const rows = await ctx.em.getConnection().execute(
      query
        .orderBy([
          { column: 'l.at', order: 'desc' },
          { column: 'l.id', order: 'desc' },
        ])
        .limit(page.limit + 1),
    );
    const entries = rows.map((row: Record<string, unknown>) => ctx.em.map(PersonalDataAccess, row));
    return toConnection(
      entries,
      page,
      (e) => [e.at.toISOString(), e.id],
      async () => {
        const [{ count }] = await ctx.em.getConnection().execute(base().count({ count: '*' }));
        return Number(count);
      },
    );
  }

  @FieldResolver(() => User, { description: 'Кто читал' })
  user(@Root() entry: PersonalDataAccess, @Ctx() ctx: RequestContext) {
    return ctx.loaders.user.load(entry.user.id);
  }

  @FieldResolver(() => ID, { description: 'Обращение' })
  appealId(@Root() entry: PersonalDataAccess): string {
    return entry.appeal.id;
  }
}

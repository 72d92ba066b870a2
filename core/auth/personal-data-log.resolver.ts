import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PersonalDataAccess, User } from '../entities/index.js';
import type { RequestContext } from './request-context.js';
import { connectionType, readPageArgs, toConnection, ForwardPageArgs } from '../graphql/pagination.js';
import { and, query, queryOne, sql } from '../db/sql.js';

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
    const where =
      !UUID.test(args.appealId) || (args.userId && !UUID.test(args.userId))
        ? sql`false`
        : and([sql`l.appeal_id = ${args.appealId}`, ...(args.userId ? [sql`l.user_id = ${args.userId}`] : [])]);
    const after = page.cursor ? sql` and (l.at, l.id) < (${page.cursor[0]}, ${page.cursor[1]})` : sql``;
    const rows = await query(ctx.em, sql`select l.* from pii_access_log as l where ${where}${after} order by l.at desc, l.id desc limit ${page.limit + 1}`);
    const entries = rows.map((row) => ctx.em.map(PersonalDataAccess, row));
    return toConnection(
      entries,
      page,
      (e) => [e.at.toISOString(), e.id],
      async () => {
        const row = await queryOne<{ count: string }>(ctx.em, sql`select count(*) as count from pii_access_log as l where ${where}`);
        return Number(row?.count ?? 0);
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

import type { GraphQLResolveInfo } from 'graphql';
import type { Appeal } from '../entities/appeal.entity.js';
import type { RequestContext } from './request-context.js';
import { appError } from '../errors/errors.js';
import { selectedFieldNamesAt } from '../graphql/selection.js';
import { loadVisibleAppeal } from './appeal-visibility.js';

/** What a caller gets of an appeal outside its scope that it registered again: enough to reconcile its record with ours. */
export const RECONCILE_FIELDS: ReadonlySet<string> = new Set(['id', 'number', 'status', '__typename']);

/**
 * The answer to a re-registration of an existing (channel, externalId):
 * the stored appeal only as `appeal(id)` would give it to this caller (the
 * same scope; masking follows from the field resolvers, by role). Outside the
 * caller's scope (an INTEGRATION key, another sector's specialist) only
 * RECONCILE_FIELDS may be selected; asking for more is FORBIDDEN, before any
 * of it is read. `path` leads from the mutation's field to the appeal.
 */
export async function existingAppealAnswer(
  ctx: RequestContext,
  appeal: Appeal,
  info: GraphQLResolveInfo,
  path: readonly string[] = ['appeal'],
): Promise<Appeal> {
  const visible = await loadVisibleAppeal(ctx, appeal.id);
  if (visible) return visible;
  const beyond = [...selectedFieldNamesAt(info, path)].filter((field) => !RECONCILE_FIELDS.has(field));
  if (beyond.length) {
    throw appError(
      'FORBIDDEN',
      `Обращение уже зарегистрировано и вне вашей области доступа: доступны только id, number, status (запрошено ${beyond.join(', ')})`,
      {
        field: [...path, beyond[0]].join('.'),
      },
    );
  }
  return appeal;
}

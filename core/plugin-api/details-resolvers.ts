import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Appeal, Municipality } from '../entities/index.js';
import type { PluginContext } from './plugin-context.js';
import { loadAppealDetails, type AppealDetailsRow } from './appeal-details.js';
import { loadById } from './reference-queries.js';

/*
 * The field resolvers every sector plugin wrote the same way, as factories:
 * each returns a resolver class for the plugin's `resolvers` list. The schema
 * they build is the one the hand-written classes built (same names, types,
 * nullability and descriptions).
 */

type Class<T> = new (...args: never[]) => T;

/** `Appeal.<field>`: the plugin's details of the appeal (null when none), one query for a page of appeals. */
export function appealDetailsResolver<D extends AppealDetailsRow>(field: string, details: Class<D>, description: string): Function {
  @Resolver(() => Appeal)
  class AppealDetailsResolver {
    @FieldResolver(() => details, { name: field, nullable: true, description })
    details(@Root() appeal: Appeal, @Ctx() ctx: PluginContext) {
      return loadAppealDetails(ctx, details as never, appeal.id) as Promise<D | null>;
    }
  }
  return AppealDetailsResolver;
}

/** `<Details>.<field>`: the reference row the details name by id (null when they name none), batched. */
export function detailsReferenceResolver<D extends object, R extends { id: string }>(
  details: Class<D>,
  field: string,
  reference: Class<R>,
  idOf: (details: D) => string | null | undefined,
  description: string,
): Function {
  @Resolver(() => details)
  class DetailsReferenceResolver {
    @FieldResolver(() => reference, { name: field, nullable: true, description })
    reference(@Root() row: D, @Ctx() ctx: PluginContext) {
      const id = idOf(row);
      return id ? loadById(ctx, reference as never, id) : null;
    }
  }
  return DetailsReferenceResolver;
}

/** `<Row>.municipality`: the municipality of a reference row, batched. */
export function municipalityResolver<R extends { municipality: { id: string } }>(row: Class<R>): Function {
  @Resolver(() => row)
  class MunicipalityResolver {
    @FieldResolver(() => Municipality, { description: 'Муниципальное образование' })
    municipality(@Root() value: R, @Ctx() ctx: PluginContext) {
      return ctx.loaders.municipality.load(value.municipality.id);
    }
  }
  return MunicipalityResolver;
}

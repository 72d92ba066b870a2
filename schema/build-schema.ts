import 'reflect-metadata';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import type { SectorPlugin, PluginAccess } from '../core/plugin-api/index.js';
import { channelIntakeResolvers } from '../core/channels/channels.module.js';
import { moduleAccess, moduleResolvers } from '../core/app/modules.js';
import { guardRootFields } from '../core/auth/access-guard.js';
import { checkIdArguments } from '../core/graphql/id-arguments.js';
import { callFieldResolversDirectly, readPlainFieldsDirectly } from '../core/graphql/direct-field-resolvers.js';
import { ALL_ROLES, CENTER, READERS, type Access } from '../core/auth/access-matrix.js';

const PLUGIN_ACCESS: Record<PluginAccess, Access> = { ALL: ALL_ROLES, READERS, CENTER };

/** The access matrix of the core plus the enabled plugins' operations. */
export function accessMatrixFor(plugins: readonly SectorPlugin[]): Record<string, Access> {
  const matrix: Record<string, Access> = moduleAccess();
  for (const plugin of plugins) {
    for (const [operation, level] of Object.entries(plugin.access ?? {})) matrix[operation] = PLUGIN_ACCESS[level];
  }
  return matrix;
}

/**
 * Composes the schema from the core and the enabled plugins. A plugin's
 * `@FieldResolver`s (e.g. `Appeal.housing`) exist only when its resolver
 * classes are passed here, so a disabled plugin leaves no trace in the schema.
 */
export async function buildAppSchema(plugins: readonly SectorPlugin[], options: { channelIntake?: boolean } = {}): Promise<GraphQLSchema> {
  forgetFieldsOfEarlierBuilds();
  // Operations that create appeals from channels exist only when the lifecycle's intake is wired (core/channels/intake.ts).
  const resolvers = [
    ...moduleResolvers(),
    ...(options.channelIntake ? channelIntakeResolvers : []),
    ...plugins.flatMap((plugin) => plugin.resolvers ?? []),
  ] as [Function, ...Function[]];
  const schema = await buildSchema({
    resolvers,
    // type-graphql requires one for @Subscription; ours feed from the event bus (core/live), not from it.
    pubSub: createPubSub(),
    validate: false,
  });
  describeRootTypes(schema);
  // The guard wraps last, so it runs first: an anonymous caller learns nothing about its arguments.
  return guardRootFields(checkIdArguments(readPlainFieldsDirectly(callFieldResolversDirectly(schema, resolvers))), accessMatrixFor(plugins));
}

/**
 * type-graphql (2.0.0-rc.4) adds the fields of `@FieldResolver`s to the type
 * metadata it shares between builds (`Appeal.housing` is pushed onto the
 * Appeal type's field list, which a later build reuses as it is). A second
 * schema built in the same process with fewer plugins (tests, `schema:print`)
 * would still have the first one's plugin fields. Dropping the computed field
 * lists makes every build start from the decorators alone.
 */
function forgetFieldsOfEarlierBuilds(): void {
  const storage = getMetadataStorage() as unknown as { objectTypes: { fields?: unknown }[]; interfaceTypes: { fields?: unknown }[] };
  for (const type of [...storage.objectTypes, ...storage.interfaceTypes]) delete type.fields;
}

/** type-graphql declares the root types itself, without a way to describe them: their descriptions are set here. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = 'Чтение: обращения, справочники, аналитика, отчёты. Без входа доступны только операции для жителей (docs/access.md)';
  if (mutation) mutation.description = 'Изменения: вход, регистрация и жизненный цикл обращений, справочники, опросы, объявления';
  if (subscription) subscription.description = 'Подписки по WebSocket (протокол graphql-transport-ws): события журнала и предупреждения о сроках';
}

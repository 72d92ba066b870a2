/**
 * The one module a sector plugin may import from the core.
 * Everything a plugin needs is re-exported here; nothing else in core/ is
 * part of the contract.
 */
export * from './plugin-types.js';
export { defineSectorPlugin } from './define-sector-plugin.js';
export * from './seasons.js';
export * from './appeal-details.js';
export * from './reference-queries.js';
export * from './seed-rows.js';

/** Core types a plugin extends or refers to: `@Resolver(() => Appeal)`, `@ManyToOne(() => Municipality)`. */
export { Appeal, Municipality, Organization } from '../entities/index.js';
/** What a plugin's resolver gets (`@Ctx() ctx: PluginContext`): the user, a request-scoped EntityManager, loaders; not the app's services. */
export type { PluginContext } from './plugin-context.js';
/** A connection type and its `first`/`after` arguments, described once: `class XArgs extends ForwardPageArgs`. */
export { connectionType, ForwardPageArgs, type Connection } from '../graphql/pagination.js';
/** Registers an enum with its Russian description and one per value: `registerEnum(Kind, 'Kind', 'Вид…', { A: '…' })`. */
export { registerEnum } from '../graphql/register-enum.js';
export { DateTime } from '../graphql/date-time.scalar.js';
export { appError, badInput, notFound } from '../errors/errors.js';
/** Base class of a plugin's migration (its own tables, in its own folder): the core merges it into the one chain. */
export { Migration } from '@mikro-orm/migrations';
export * from './sector-checks.js';
/** A sector's reference data in the region pack: `regionTables({ 'bus-routes': busRouteRow })`, read with `.rows('bus-routes')`. */
export { regionTables, rowFields, type RegionTables } from '../region/index.js';
export * from './details-resolvers.js';

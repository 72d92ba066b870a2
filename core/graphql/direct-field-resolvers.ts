import { getMetadataStorage } from 'type-graphql';
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/** Marks a field whose resolver method is called directly (for the test that keeps this working). */
export const DIRECT_RESOLVER = Symbol('directFieldResolver');

type ParamKind = 'root' | 'context' | 'info';

interface FieldResolverMeta {
  kind: 'internal' | 'external';
  target: new () => Record<string, (...args: unknown[]) => unknown>;
  methodName: string;
  schemaName: string;
  getObjectType?: () => Function;
  params?: { kind: string; index: number; propertyName?: string }[];
  middlewares?: unknown[];
  roles?: unknown[];
}

/** The parameters as a direct call passes them, or null when type-graphql must build them (arguments, validation, conversions). */
function directParams(meta: FieldResolverMeta): ParamKind[] | null {
  const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
  const kinds: ParamKind[] = [];
  for (const param of params) {
    // A root's design-time type (emitted by vitest's transformer, not by tsx at run time) is not applied:
    // the root is passed as it is, as type-graphql passes it in the running server.
    if (param.kind === 'root' && !param.propertyName) kinds.push('root');
    else if (param.kind === 'context' && !param.propertyName) kinds.push('context');
    else if (param.kind === 'info') kinds.push('info');
    else return null;
  }
  return kinds;
}

/** A resolver passing the parameters in the method's order; the common shapes without a per-call array. */
function directCall(method: (...args: unknown[]) => unknown, kinds: ParamKind[]): GraphQLFieldResolver<unknown, unknown> {
  switch (kinds.join(',')) {
    case 'root,context':
      return (root, _args, context) => method(root, context);
    case 'root':
      return (root) => method(root);
    case 'root,context,info':
      return (root, _args, context, info) => method(root, context, info);
    default:
      return (root, _args, context, info) => method(...kinds.map((kind) => (kind === 'root' ? root : kind === 'context' ? context : info)));
  }
}

/**
 * type-graphql calls every field resolver through a wrapper that, on each
 * call, sorts the method's parameter list, builds the parameters and runs
 * the middleware chain (empty here): about a kilobyte of garbage per call,
 * and a page of 50 appeals with four relations and a deadline makes 250
 * calls. For the field resolvers of the given resolver classes whose
 * parameters are only `@Root()`, `@Ctx()` and `@Info()`, with no middleware
 * and no roles, the wrapper is replaced by a direct call of the method on one
 * instance of its class (what type-graphql's default container does). The
 * others (arguments, validation, conversions) keep type-graphql's wrapper.
 * Valid because buildAppSchema sets no global middleware and no auth checker.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema, resolverClasses: readonly Function[]): GraphQLSchema {
  const storage = getMetadataStorage() as unknown as { fieldResolvers: FieldResolverMeta[]; objectTypes: { target: Function; name: string }[] };
  const typeNames = new Map(storage.objectTypes.map((type) => [type.target, type.name]));
  const included = new Set(resolverClasses);
  const instances = new Map<Function, Record<string, (...args: unknown[]) => unknown>>();
  for (const meta of storage.fieldResolvers) {
    if (meta.kind !== 'external' || !included.has(meta.target) || meta.middlewares?.length || meta.roles?.length) continue;
    const kinds = directParams(meta);
    const typeName = meta.getObjectType && typeNames.get(meta.getObjectType());
    const type = typeName ? schema.getType(typeName) : null;
    const field = isObjectType(type) ? type.getFields()[meta.schemaName] : undefined;
    if (!kinds || !field) continue;
    let instance = instances.get(meta.target);
    if (!instance) instances.set(meta.target, (instance = new meta.target()));
    field.resolve = directCall(instance[meta.methodName].bind(instance), kinds);
    (field.resolve as unknown as Record<symbol, boolean>)[DIRECT_RESOLVER] = true;
  }
  return schema;
}

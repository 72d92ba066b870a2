import { getMetadataStorage } from 'type-graphql';
import { isInterfaceType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * A field extension for a plain field whose value may be a promise or a lazy
 * thenable (a connection's totalCount): it keeps a resolver, since the
 * executor reads a field without one synchronously.
 */
export const VALUE_MAY_BE_PROMISE = 'valueMayBePromise';

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

interface FieldMeta {
  target: Function;
  name: string;
  schemaName: string;
  middlewares?: unknown[];
  roles?: unknown[];
}

/**
 * type-graphql gives every plain field (a property, no resolver method) a
 * resolver of its own that reads `root[name]` through its middleware chain.
 * The executor then makes a resolver call for every scalar of every row:
 * closures, a resolve info and a path each, about 0.7 KB of garbage per field,
 * over a megabyte per page of 50 appeals. With no middleware, no roles and
 * the same name in the schema as on the class, that resolver is exactly
 * GraphQL's default one, so it is removed: the executor reads the property.
 * Fields with a resolver method keep theirs, and so do fields marked
 * VALUE_MAY_BE_PROMISE (graphql-jit awaits a resolver's promise, not a
 * property's). Valid because buildAppSchema sets no global middleware and no
 * auth checker.
 */
export function readPlainFieldsDirectly(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage() as unknown as {
    fields: FieldMeta[];
    fieldResolvers: FieldResolverMeta[];
    objectTypes: { target: Function; name: string }[];
    interfaceTypes: { target: Function; name: string }[];
  };
  const classes = new Map([...storage.objectTypes, ...storage.interfaceTypes].map((type) => [type.name, type.target]));
  const withResolver = new Set(storage.fieldResolvers.map((meta) => `${meta.getObjectType?.()?.name ?? ''}.${meta.schemaName}`));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type))) continue;
    const target = classes.get(type.name);
    if (!target) continue;
    // The class's fields and its ancestors' (generic connection and edge types inherit theirs).
    const plain = new Map<string, FieldMeta>();
    for (let t: Function | null = target; t && t !== Function.prototype; t = Object.getPrototypeOf(t) as Function | null) {
      for (const field of storage.fields) if (field.target === t && !plain.has(field.schemaName)) plain.set(field.schemaName, field);
    }
    for (const [name, field] of Object.entries(type.getFields())) {
      const meta = plain.get(name);
      if (!field.resolve || !meta || meta.name !== name || meta.middlewares?.length || meta.roles?.length) continue;
      if (field.extensions?.[VALUE_MAY_BE_PROMISE]) continue;
      if (withResolver.has(`${target.name}.${name}`) || (field.resolve as unknown as Record<symbol, boolean>)[DIRECT_RESOLVER]) continue;
      field.resolve = undefined;
    }
  }
  return schema;
}

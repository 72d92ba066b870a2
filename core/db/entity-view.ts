import { ReferenceKind, type EntityClass, type EntityMetadata, type EntityProperty, type Platform } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';

type Row = Record<string, unknown>;
type Mapper<T> = (row: Row) => T;

/** Mappers by entity and by the set of columns left unread; bounded, as clients choose the selections. */
const mappers = new WeakMap<EntityMetadata, LRUCache<string, Mapper<unknown>>>();

interface Column {
  property: string;
  column: string;
  reference: boolean;
  convert: ((value: unknown) => unknown) | null;
}

function columnOf(prop: EntityProperty, platform: Platform): Column | null {
  if (prop.persist === false || prop.lazy || prop.fieldNames?.length !== 1) return null;
  if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
    return { property: prop.name, column: prop.fieldNames[0], reference: true, convert: null };
  }
  if (prop.kind !== ReferenceKind.SCALAR) return null;
  const type = prop.customType;
  let convert: Column['convert'] = null;
  // The same conversions as MikroORM's hydrator (ObjectHydrator): the driver hands timestamps over as strings.
  if (prop.runtimeType === 'Date') convert = (value) => (value instanceof Date ? value : new Date(value as string));
  else if (prop.runtimeType === 'boolean') convert = (value) => Boolean(value);
  else if (type) convert = (value) => type.convertToJSValue(value, platform);
  return { property: prop.name, column: prop.fieldNames[0], reference: false, convert };
}

/**
 * A read-only view of an entity, made from a database row without the ORM's
 * hydration. For the read path: MikroORM's `em.map` registers each row in the
 * identity map, wraps it, and installs change tracking on every property,
 * which made a page of 50 appeals cost more CPU than everything else in the
 * request together. A view has the entity's prototype (so `instanceof` and
 * type-graphql's field resolvers take it as the entity itself) and plain own
 * properties with the same values `em.map` gives; a many-to-one is `{ id }`.
 *
 * Never persist or flush a view: load the entity through the EntityManager to
 * change it (as `runAppealTransaction` does).
 *
 * `unread`: columns the statement left out (a list that reads only what its
 * fields need). Reading such a property throws, so a resolver that needs a
 * column the list did not read fails loudly instead of answering null.
 */
export function entityView<T extends object>(em: EntityManager, entity: EntityClass<T>, unread: readonly string[] = []): Mapper<T> {
  const meta = em.getMetadata().get(entity.name) as EntityMetadata;
  const key = unread.join(',');
  let variants = mappers.get(meta);
  if (!variants) mappers.set(meta, (variants = new LRUCache({ max: 500 })));
  const cached = variants.get(key);
  if (cached) return cached as Mapper<T>;
  const platform = em.getPlatform();
  const all = meta.props.map((prop) => columnOf(prop, platform)).filter((c): c is Column => c !== null);
  const columns = all.filter((column) => !unread.includes(column.column));
  // Own data properties on an intermediate prototype shadow the ORM's change-tracking
  // setters, so plain assignments below stay plain.
  const prototype = Object.create(meta.prototype as object) as Row;
  for (const column of columns) {
    Object.defineProperty(prototype, column.property, { value: undefined, writable: true, enumerable: false, configurable: true });
  }
  for (const column of all.filter((c) => unread.includes(c.column))) {
    Object.defineProperty(prototype, column.property, {
      get() {
        throw new Error(`${meta.className}.${column.property}: column ${column.column} was not read by this list; add its field to the list's selection rules`);
      },
      enumerable: false,
      configurable: true,
    });
  }
  const mapper: Mapper<T> = (row) => {
    const view = Object.create(prototype) as Row;
    for (const { property, column, reference, convert } of columns) {
      const value = row[column];
      if (value === undefined) continue;
      if (reference) view[property] = value === null ? null : { id: value };
      else view[property] = value !== null && convert ? convert(value) : value;
    }
    return view as T;
  };
  variants.set(key, mapper as Mapper<unknown>);
  return mapper;
}

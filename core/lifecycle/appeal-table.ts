import { ReferenceKind, type EntityProperty, type MetadataStorage } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Appeal } from '../entities/appeal.entity.js';

/** A new appeal's values by property of the Appeal entity; a relation holds the id of its row. */
export type AppealValues = { [K in keyof Appeal]?: unknown };

interface AppealTable {
  /** Every column the entity maps, in its order. */
  columns: string[];
  /** The column of each property the entity stores. */
  columnOf: ReadonlyMap<string, string>;
}

const tables = new WeakMap<object, AppealTable>();

const stored = (p: EntityProperty) =>
  p.persist !== false && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner));

/**
 * The appeal table as the Appeal entity maps it: the one place the write
 * path and the statements that name the appeal's columns learn them, from
 * MikroORM's metadata, never from a list by hand.
 */
export function appealTable(metadata: MetadataStorage): AppealTable {
  let table = tables.get(metadata);
  if (!table) {
    const props = metadata.get(Appeal.name).props.filter(stored);
    table = {
      columns: props.flatMap((p) => p.fieldNames ?? []),
      columnOf: new Map(props.filter((p) => p.fieldNames?.length === 1).map((p) => [p.name, p.fieldNames[0]!])),
    };
    tables.set(metadata, table);
  }
  return table;
}

/**
 * The columns the Appeal entity maps (what `em.map(Appeal, row)` needs),
 * for statements that name them rather than `*`: a prepared statement
 * returning `*` fails ("cached plan must not change result type") once
 * another process's migration adds a column.
 */
export function appealColumns(em: EntityManager): string[] {
  return appealTable(em.getMetadata()).columns;
}

/** A new appeal's row (snake_case columns) from its values by property, in the values' order. */
export function appealRow(metadata: MetadataStorage, values: AppealValues): Record<string, unknown> {
  const { columnOf } = appealTable(metadata);
  const row: Record<string, unknown> = {};
  // Own keys in order, as Object.entries gives them, without an array per property.
  for (const property of Object.keys(values)) {
    const column = columnOf.get(property);
    if (!column) throw new Error(`Appeal has no stored property «${property}»`);
    row[column] = values[property as keyof AppealValues];
  }
  return row;
}

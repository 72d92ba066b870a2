import { ReferenceKind, type EntityManager } from '@mikro-orm/postgresql';
import { Appeal } from '../entities/appeal.entity.js';

const entityColumns = new WeakMap<object, string[]>();

/**
 * The columns the Appeal entity maps (what `em.map(Appeal, row)` needs),
 * for statements that name them rather than `*`: a prepared statement
 * returning `*` fails ("cached plan must not change result type") once
 * another process's migration adds a column.
 */
export function appealColumns(em: EntityManager): string[] {
  const metadata = em.getMetadata();
  let columns = entityColumns.get(metadata);
  if (!columns) {
    columns = metadata
      .get(Appeal)
      .props.filter(
        (p) =>
          p.persist !== false && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)),
      )
      .flatMap((p) => p.fieldNames ?? []);
    entityColumns.set(metadata, columns);
  }
  return columns;
}

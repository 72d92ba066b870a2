import type { MigrationObject } from '@mikro-orm/core';

/** `Migration20261126100842_core` → `20261126100842`. */
const timestampOf = (name: string): string => /^Migration(\d{14})/.exec(name)?.[1] ?? '';

/**
 * The one chain of migrations: the core's (migrations/) and the plugins'
 * (each in its plugin's folder), ordered by the timestamp in the name, as if
 * they had been written into one folder. A database records applied
 * migrations by name, so a plugin's migration runs once, wherever it sits.
 * Two migrations with one name would make that record ambiguous: refused.
 */
export function migrationChain(core: readonly MigrationObject[], plugins: readonly MigrationObject[]): MigrationObject[] {
  const names = new Set<string>();
  for (const migration of [...core, ...plugins]) {
    if (!timestampOf(migration.name)) throw new Error(`Migration "${migration.name}" must be named Migration<yyyyMMddHHmmss>_<name>`);
    if (names.has(migration.name)) throw new Error(`Two migrations are named "${migration.name}"`);
    names.add(migration.name);
  }
  // Stable: same-second migrations keep their listed order (the core's first).
  return [...core, ...plugins]
    .map((migration, index) => ({ migration, index }))
    .sort((a, b) => timestampOf(a.migration.name).localeCompare(timestampOf(b.migration.name)) || a.index - b.index)
    .map(({ migration }) => migration);
}

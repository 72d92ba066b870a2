import type { SectorPlugin } from '../plugin-api/index.js';

/**
 * Picks the enabled plugins from the full list (`PLUGINS=housing,waste`;
 * null means all). An unknown code stops start-up: a typo must not silently
 * switch a sector off.
 */
export function selectPlugins(all: readonly SectorPlugin[], enabled: readonly string[] | null): SectorPlugin[] {
  const codes = new Set<string>();
  for (const plugin of all) {
    if (codes.has(plugin.code)) throw new Error(`Two plugins share the code "${plugin.code}"`);
    codes.add(plugin.code);
  }
  if (!enabled) return [...all];
  for (const code of enabled) {
    if (!codes.has(code)) throw new Error(`Invalid configuration: PLUGINS: unknown plugin "${code}" (known: ${[...codes].join(', ')})`);
  }
  return all.filter((plugin) => enabled.includes(plugin.code));
}

/** Every plugin's migrations, for the one chain (core/db/migration-chain.ts); they run when a plugin is switched off too. */
export function pluginMigrations(all: readonly SectorPlugin[]) {
  return all.flatMap((plugin) => plugin.migrations ?? []);
}

/** Every plugin's tables: they stay in the database when a plugin is switched off. */
export function pluginEntities(all: readonly SectorPlugin[]) {
  return all.flatMap((plugin) => plugin.entities ?? []);
}

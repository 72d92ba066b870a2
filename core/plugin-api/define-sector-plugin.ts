import { PLUGIN_API_VERSION, type SectorPlugin, type SectorPluginDefinition } from './plugin-types.js';

/** Declares a sector plugin; checks what can be checked before the server starts. */
export function defineSectorPlugin<T>(definition: SectorPluginDefinition<T>): SectorPlugin {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.code)) {
    throw new Error(`Plugin code "${definition.code}" must be lowercase latin`);
  }
  if (definition.apiVersion !== PLUGIN_API_VERSION) {
    throw new Error(`Plugin ${definition.code} was written for plugin API ${definition.apiVersion}, the core has ${PLUGIN_API_VERSION}`);
  }
  for (const category of definition.categories) {
    if (!category.code.startsWith(`${definition.code}.`)) {
      throw new Error(`Category ${category.code} of plugin ${definition.code} must start with "${definition.code}."`);
    }
  }
  return Object.freeze({ ...definition, __sectorPlugin: true as const });
}

import { surveyTemplateFault } from './survey-template-check.js';
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
  const own = new Set([definition.code, ...definition.categories.map((category) => category.code)]);
  for (const [posCategory, subcategories] of Object.entries(definition.posCategories ?? {})) {
    for (const [subcategory, code] of Object.entries(subcategories)) {
      if (!own.has(code)) {
        throw new Error(
          `Plugin ${definition.code}: ПОС «${posCategory} / ${subcategory}» maps to "${code}", which is neither the plugin's code nor one of its categories`,
        );
      }
    }
  }
  for (const template of definition.surveyTemplates ?? []) {
    if (!template.code.startsWith(`${definition.code}.`)) {
      throw new Error(`Survey template ${template.code} of plugin ${definition.code} must start with "${definition.code}."`);
    }
    const fault = surveyTemplateFault(template);
    if (fault) throw new Error(`Plugin ${definition.code}: survey template ${template.code}: ${fault}`);
  }
  checkBodyRoles(definition);
  for (const migration of definition.migrations ?? []) {
    // The timestamp orders the plugin's migrations among the core's (one chain).
    if (!/^Migration\d{14}_[a-z0-9_]+$/.test(migration.name)) {
      throw new Error(`Plugin ${definition.code}: migration "${migration.name}" must be named Migration<yyyyMMddHHmmss>_<snake_name>`);
    }
  }
  return Object.freeze({ ...definition, __sectorPlugin: true as const });
}

/** Further roles start with the plugin's code and are declared once; a rule targets only a role the plugin declares. */
function checkBodyRoles(definition: SectorPluginDefinition<unknown>): void {
  const declared = new Set(definition.responsibleBody ? [definition.responsibleBody.role] : []);
  for (const body of definition.bodyRoles ?? []) {
    if (!new RegExp(`^${definition.code}\\.[a-z0-9-]+$`).test(body.role)) {
      throw new Error(`Plugin ${definition.code}: body role "${body.role}" must be "${definition.code}." + lowercase latin`);
    }
    if (declared.has(body.role)) throw new Error(`Plugin ${definition.code}: body role "${body.role}" is declared twice`);
    declared.add(body.role);
  }
  for (const rule of definition.routing ?? []) {
    if ('role' in rule.target && !declared.has(rule.target.role)) {
      throw new Error(
        `Plugin ${definition.code}: rule ${rule.code} targets the role "${rule.target.role}", which the plugin does not declare (responsibleBody or bodyRoles)`,
      );
    }
  }
}

import type { SectorPlugin, SurveyTemplateDefinition } from '../plugin-api/plugin-types.js';
import type { AuthUser } from '../auth/auth-user.js';
import { sectorBound } from './survey-access.js';

/**
 * Sector question templates (issue 17: "sectors may contribute question
 * templates through the plugin API"). A plugin declares them in
 * `surveyTemplates`; the core lists them and turns one into a draft survey,
 * never naming a sector itself.
 */
export interface SurveyTemplateOf {
  sector: string;
  sectorName: string;
  template: SurveyTemplateDefinition;
}

/** The enabled plugins' templates the caller may use: a sector role sees its sectors' only. */
export function surveyTemplatesFor(plugins: readonly SectorPlugin[], user: AuthUser, sector?: string | null): SurveyTemplateOf[] {
  const bound = sectorBound(user);
  return plugins
    .filter((plugin) => (!sector || plugin.code === sector) && (!bound || bound.includes(plugin.code)))
    .flatMap((plugin) => (plugin.surveyTemplates ?? []).map((template) => ({ sector: plugin.code, sectorName: plugin.name.ru, template })));
}

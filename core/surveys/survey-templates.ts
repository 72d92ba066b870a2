import { GraphQLError } from 'graphql';
import type { SectorPlugin, SurveyTemplateDefinition } from '../plugin-api/plugin-types.js';
import type { AuthUser } from '../auth/auth-user.js';
import { sectorBound } from './survey-access.js';
import type { SurveyInput } from './survey.input.js';
import type { QuestionType } from './survey-enums.js';
import { normalizeSurvey } from './survey.rules.js';

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

/** A template as the survey input it stands for (the survey rules check both alike). */
export function templateInput(template: SurveyTemplateDefinition): SurveyInput {
  return {
    title: template.title,
    description: template.description ?? null,
    questions: template.questions.map((q) => ({
      code: q.code,
      text: q.text,
      type: q.type as QuestionType,
      required: q.required ?? true,
      options: q.options ? q.options.map((o) => ({ ...o })) : null,
      scaleMin: q.scaleMin ?? null,
      scaleMax: q.scaleMax ?? null,
    })),
  };
}

/** Why a template would not make a valid survey (field and message), or null: checked when a plugin is declared. */
export function surveyTemplateFault(template: SurveyTemplateDefinition): string | null {
  try {
    normalizeSurvey(templateInput(template), 'template');
    return null;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return `${String(error.extensions?.field ?? '')}: ${error.message}`;
  }
}

/** The enabled plugins' templates the caller may use: a sector role sees its sectors' only. */
export function surveyTemplatesFor(plugins: readonly SectorPlugin[], user: AuthUser, sector?: string | null): SurveyTemplateOf[] {
  const bound = sectorBound(user);
  return plugins
    .filter((plugin) => (!sector || plugin.code === sector) && (!bound || bound.includes(plugin.code)))
    .flatMap((plugin) => (plugin.surveyTemplates ?? []).map((template) => ({ sector: plugin.code, sectorName: plugin.name.ru, template })));
}

import { GraphQLError } from 'graphql';
import type { SurveyTemplateDefinition } from './plugin-types.js';
import type { SurveyInput } from '../surveys/rules/survey.input.js';
import type { QuestionType } from '../surveys/rules/survey-enums.js';
import { normalizeSurvey } from '../surveys/rules/survey.rules.js';

/*
 * A sector's survey template is checked by the survey rules (core/surveys/rules,
 * the layer below the surveys feature) when the plugin is declared.
 */

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

import { Migration } from '@mikro-orm/migrations';

/**
 * A choice is stored as the bits of its options (bit i: the question's
 * option i) instead of a text[] of codes: results group answers by integers
 * in one pass, with no array to unnest (core/surveys/survey-responses.writer.ts).
 * Stored answers are converted through their survey's questionnaire.
 */
export class Migration20261207041605_survey_choice_bits extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "survey_answer" add column "choice_bits" bigint null;`);
    this.addSql(`update "survey_answer" a set "choice_bits" = (
      select coalesce(sum((1::bigint) << (o.ord - 1)::int), 0)
      from "survey" s, jsonb_array_elements(s.questions) q, jsonb_array_elements(q->'options') with ordinality o(opt, ord)
      where s.id = a.survey_id and q->>'code' = a.question_code and o.opt->>'code' = any(a.option_codes)
    ) where a.option_codes is not null;`);
    this.addSql(`alter table "survey_answer" drop column "option_codes";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "survey_answer" add column "option_codes" text[] null;`);
    this.addSql(`update "survey_answer" a set "option_codes" = array(
      select o.opt->>'code'
      from "survey" s, jsonb_array_elements(s.questions) q, jsonb_array_elements(q->'options') with ordinality o(opt, ord)
      where s.id = a.survey_id and q->>'code' = a.question_code and (a.choice_bits >> (o.ord - 1)::int) & 1 = 1 order by o.ord
    ) where a.choice_bits is not null;`);
    this.addSql(`alter table "survey_answer" drop column "choice_bits";`);
  }

}

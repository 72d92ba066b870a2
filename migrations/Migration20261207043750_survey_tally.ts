import { Migration } from '@mikro-orm/migrations';

/**
 * survey_tally: the running counts results read instead of scanning every
 * answer (core/surveys/survey-tally.ts), filled here from the answers and
 * responses already stored.
 */
export class Migration20261207043750_survey_tally extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "survey_tally" ("survey_id" uuid not null, "question_code" text not null, "municipality_id" uuid not null, "answer_key" bigint not null, "n" int not null, constraint "survey_tally_pkey" primary key ("survey_id", "question_code", "municipality_id", "answer_key"));`);

    this.addSql(`alter table "survey_tally" add constraint "survey_tally_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`);

    this.addSql(`insert into "survey_tally" (survey_id, question_code, municipality_id, answer_key, n)
      select survey_id, question_code, coalesce(municipality_id, '00000000-0000-0000-0000-000000000000'), coalesce(choice_bits, value, 0), count(*)
      from "survey_answer" group by 1, 2, 3, 4;`);
    this.addSql(`insert into "survey_tally" (survey_id, question_code, municipality_id, answer_key, n)
      select survey_id, '', coalesce(municipality_id, '00000000-0000-0000-0000-000000000000'), case when source = 'LINK' then 0 else 1 end, count(*)
      from "survey_response" group by 1, 2, 3, 4;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "survey_tally" cascade;`);
  }

}

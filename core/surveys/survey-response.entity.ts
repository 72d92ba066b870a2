import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Municipality } from '../entities/municipality.entity.js';
import { Survey } from './survey.entity.js';
import { SurveyResponseSource } from './rules/survey-enums.js';

/**
 * One resident's filled-in questionnaire. Anonymous: no link, user or
 * contact is kept with it. Written on the hot path with pgQuery
 * (survey-responses.writer.ts); the entity keeps the table in the schema diff.
 */
@Entity({ tableName: 'survey_response' })
@Unique({ properties: ['survey', 'rowKey'] })
@Index({ properties: ['survey', 'submittedAt'] })
export class SurveyResponse {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Survey, { ref: true })
  survey!: Ref<Survey>;

  @Enum({ items: () => SurveyResponseSource, nativeEnumName: 'survey_response_source' })
  source!: SurveyResponseSource;

  /** An imported row's key (idempotent import); null for link responses. */
  @Property({ type: 'text', nullable: true })
  rowKey?: string | null;

  @ManyToOne(() => Municipality, { ref: true, nullable: true })
  municipality?: Ref<Municipality> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  submittedAt!: Date;
}

/**
 * One answer to one question, with the survey and municipality copied in so
 * that results are one scan of this table grouped by (question, municipality).
 */
@Entity({ tableName: 'survey_answer' })
@Index({ properties: ['survey', 'questionCode'] })
export class SurveyAnswer {
  @ManyToOne(() => SurveyResponse, { ref: true, primary: true, deleteRule: 'cascade' })
  response!: Ref<SurveyResponse>;

  @Property({ type: 'text', primary: true })
  questionCode!: string;

  @ManyToOne(() => Survey, { ref: true })
  survey!: Ref<Survey>;

  @ManyToOne(() => Municipality, { ref: true, nullable: true })
  municipality?: Ref<Municipality> | null;

  /** Chosen options (choice questions): bit i for the question's option i (survey-responses.writer.ts). */
  @Property({ type: new BigIntType('number'), nullable: true })
  choiceBits?: number | null;

  /** The scale value. */
  @Property({ type: 'integer', nullable: true })
  value?: number | null;

  @Property({ type: 'text', nullable: true })
  text?: string | null;
}

/**
 * The running count of a survey's answers, kept in the statement that
 * writes them (so exact and current): per question, municipality and answer
 * key (a choice's option bits, a scale's value, 0 for a free text), how
 * many respondents gave it; the question code '' counts the responses
 * themselves (key 0: through links, 1: imported). Results read these few
 * hundred rows instead of scanning every answer (survey-tally.ts).
 */
@Entity({ tableName: 'survey_tally' })
export class SurveyTally {
  @ManyToOne(() => Survey, { ref: true, primary: true })
  survey!: Ref<Survey>;

  @Property({ type: 'text', primary: true })
  questionCode!: string;

  /** The respondent's municipality; the nil UUID for none (a key column cannot be null). */
  @Property({ type: 'uuid', primary: true })
  municipalityId!: string;

  @Property({ type: new BigIntType('number'), primary: true })
  answerKey!: number;

  @Property({ type: 'integer' })
  n!: number;
}

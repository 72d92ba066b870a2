import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Municipality } from '../entities/municipality.entity.js';
import { Survey } from './survey.entity.js';
import { SurveyResponseSource } from './survey-enums.js';

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

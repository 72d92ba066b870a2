import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';

/** The advisory-lock class of surveys: other users of advisory locks (pg-boss) use other keys. */
const SURVEY_LOCK_CLASS = 0x53525659; // 'SRVY'

const objectKey = (surveyId: string) => Number.parseInt(surveyId.replace(/-/g, '').slice(0, 8), 16) | 0;

/**
 * Imports of responses hold their survey's lock shared, changes of the
 * survey (close, edit) hold it exclusive and then the survey row FOR UPDATE,
 * each until its transaction ends: closing waits for the imports in flight,
 * and "no responses yet" is exact while a survey is edited. A submission
 * through a link is one statement that holds the survey row FOR SHARE
 * instead (survey-links.service.ts): the advisory lock would need a
 * transaction of its own, and a statement that waited on it would still read
 * the survey as its snapshot had it, before the close; a row lock re-reads
 * the row. (The FK check of the insert takes that row FOR KEY SHARE anyway.)
 */
export async function lockSurveyForResponses(em: EntityManager, surveyId: string): Promise<void> {
  await pgQuery(em, 'select pg_advisory_xact_lock_shared($1, $2)', [SURVEY_LOCK_CLASS, objectKey(surveyId)], { prepared: true });
}

export async function lockSurveyForChange(em: EntityManager, surveyId: string): Promise<void> {
  await pgQuery(em, 'select pg_advisory_xact_lock($1, $2)', [SURVEY_LOCK_CLASS, objectKey(surveyId)], { prepared: true });
}

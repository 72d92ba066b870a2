import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';

/** The advisory-lock class of surveys: other users of advisory locks (pg-boss) use other keys. */
const SURVEY_LOCK_CLASS = 0x53525659; // 'SRVY'

const objectKey = (surveyId: string) => Number.parseInt(surveyId.replace(/-/g, '').slice(0, 8), 16) | 0;

/**
 * Writers of responses hold their survey's lock shared, changes of the
 * survey (close, edit) hold it exclusive, each until its transaction ends:
 * closing waits for the submissions in flight, and "no responses yet" is
 * exact while a survey is edited. An advisory lock, not FOR SHARE on the
 * survey row: a row lock taken by hundreds of submissions a second writes
 * the one row's page each time (multixacts), the lock manager does not.
 */
export async function lockSurveyForResponses(em: EntityManager, surveyId: string): Promise<void> {
  await pgQuery(em, 'select pg_advisory_xact_lock_shared($1, $2)', [SURVEY_LOCK_CLASS, objectKey(surveyId)], { prepared: true });
}

export async function lockSurveyForChange(em: EntityManager, surveyId: string): Promise<void> {
  await pgQuery(em, 'select pg_advisory_xact_lock($1, $2)', [SURVEY_LOCK_CLASS, objectKey(surveyId)], { prepared: true });
}

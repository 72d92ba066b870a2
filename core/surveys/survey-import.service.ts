import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { CoreServices } from '../config/core-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { badInput, conflict } from '../errors/errors.js';
import { ImportRowStatus } from '../lifecycle/lifecycle-types.js';
import { SurveyResponseSource, SurveyStatus } from './rules/survey-enums.js';
import type { SurveyResponseRowInput } from './rules/survey.input.js';
import type { ImportSurveyResponsesPayload, SurveyImportRowResult } from './survey.types.js';
import { findSurvey, recordSurveyEvent } from './survey.service.js';
import { checkText, normalizeAnswers } from './rules/survey.rules.js';
import { writeResponses, type ResponseRow } from './survey-responses.writer.js';
import { notifySurveyChanged } from './survey-live.js';
import { lockSurveyForResponses } from './survey-lock.js';

export const MAX_IMPORT_ROWS = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Offline polls (paper forms, phone interviews) and exports of ПОС polls:
 * each row checked on its own; good rows are written even when others are
 * bad (per-row result, nothing lost), and a row whose key the survey already
 * has is EXISTING (a repeated upload doubles nothing). A draft takes no
 * answers (its questions may still change); a closed survey still takes
 * forms filled in while it was open.
 */
export async function importSurveyResponses(
  app: CoreServices,
  em: EntityManager,
  user: AuthUser,
  surveyId: string,
  rows: readonly SurveyResponseRowInput[],
  /** Rows an upload's reader already refused (a cell that stands for no answer): reported as they are, index by index. */
  refused: ReadonlyMap<number, GraphQLError> = new Map(),
): Promise<ImportSurveyResponsesPayload> {
  if (rows.length > MAX_IMPORT_ROWS) throw badInput('rows', `Не больше ${MAX_IMPORT_ROWS} строк за один вызов`, { max: MAX_IMPORT_ROWS });
  const now = app.clock.now();
  const payload = await em.transactional(async (tx) => {
    const survey = await findSurvey(tx, user, surveyId);
    await lockSurveyForResponses(tx, survey.id);
    await tx.refresh(survey);
    if (survey.status === SurveyStatus.DRAFT) throw conflict('Опрос ещё черновик: ответы принимаются после открытия', { currentVersion: survey.version });
    const municipalityIds = [...new Set(rows.map((r) => r.municipalityId).filter((id): id is string => Boolean(id) && UUID.test(id!)))];
    const known = new Set(
      municipalityIds.length
        ? (await pgQuery<{ id: string }>(tx, 'select id from municipality where id = any($1::uuid[])', [municipalityIds])).map((r) => r.id)
        : [],
    );
    const results: SurveyImportRowResult[] = [];
    const valid: { index: number; row: ResponseRow }[] = [];
    const keys = new Set<string>();
    rows.forEach((input, index) => {
      const rowKey = String(input.rowKey ?? '');
      try {
        const key = checkText(rowKey, 'rowKey', 200);
        const preset = refused.get(index);
        if (preset) throw preset;
        if (keys.has(key)) throw badInput('rowKey', 'Ключ строки повторяется в этой загрузке');
        keys.add(key);
        if (input.municipalityId != null && !known.has(input.municipalityId)) throw badInput('municipalityId', 'Муниципальное образование не найдено');
        const submittedAt = input.submittedAt ?? now;
        if (submittedAt.getTime() > now.getTime() + 60_000) throw badInput('submittedAt', 'Дата ответа в будущем');
        const answers = normalizeAnswers(survey.questions, input.answers);
        valid.push({ index, row: { source: SurveyResponseSource.IMPORT, rowKey: key, municipalityId: input.municipalityId ?? null, submittedAt, answers } });
        results[index] = { index, rowKey: key, status: ImportRowStatus.CREATED, error: null };
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        const ext = error.extensions ?? {};
        results[index] = {
          index,
          // eslint-disable-next-line no-control-regex -- control characters are what this strips
          rowKey: rowKey.replace(/\u0000/g, '').slice(0, 200),
          status: ImportRowStatus.ERROR,
          error: { code: String(ext.code ?? 'BAD_USER_INPUT'), field: (ext.field as string | undefined) ?? null, message: error.message },
        };
      }
    });
    const written = await writeResponses(
      tx,
      survey.id,
      survey.questions,
      valid.map((v) => v.row),
    );
    valid.forEach((v, i) => {
      if (!written[i]) results[v.index].status = ImportRowStatus.EXISTING;
    });
    const count = (status: ImportRowStatus) => results.filter((r) => r.status === status).length;
    const summary = {
      rows: rows.length,
      created: count(ImportRowStatus.CREATED),
      existing: count(ImportRowStatus.EXISTING),
      failed: count(ImportRowStatus.ERROR),
    };
    recordSurveyEvent(tx, app, survey, user, 'RESPONSES_IMPORTED', summary);
    return { surveyId: survey.id, rows: results, created: summary.created, existing: summary.existing, failed: summary.failed };
  });
  if (payload.created) notifySurveyChanged(payload.surveyId);
  return { rows: payload.rows, created: payload.created, existing: payload.existing, failed: payload.failed };
}

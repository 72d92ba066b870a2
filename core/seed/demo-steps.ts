import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { AnswerResult, ReviewDecision } from '../entities/enums.js';
import { errorCode } from '../errors/errors.js';
import { AppealActions } from '../lifecycle/appeal-actions.service.js';
import { LINK_ACTOR } from '../lifecycle/satisfaction-link.js';
import type { DemoStep } from './demo-timeline.js';
import { ANSWERS, BOILERPLATE_ANSWER, NEGATIVE_COMMENTS, RETURN_REASONS } from './demo-vocabulary.js';

/** The users who act: the ЦУР's specialist, and the operators of each body (by organization id). */
export interface DemoCast {
  specialist: AuthUser;
  operators: Map<string, AuthUser[]>;
  /** Bodies with operators, by the sector codes they serve. */
  bodiesBySector: Map<string, string[]>;
}

/** The appeal's state a step needs to choose its actor and its moment. */
export interface DemoState {
  status: string;
  organization_id: string | null;
  sector_code: string | null;
  /** As the driver gives them (text or Date): read through `new Date()`. */
  due_at: Date | string | null;
  deadline_starts_at: Date | string | null;
  address: string | null;
}

export async function demoState(em: EntityManager, id: string): Promise<DemoState> {
  const [row] = await pgQuery<DemoState>(
    em,
    `select a.status, a.organization_id, s.code as sector_code, a.due_at, a.deadline_starts_at, a.address
    from appeal a left join sector s on s.id = a.sector_id where a.id = $1`,
    [id],
    { prepared: true },
  );
  return row!;
}

/** One body in six, by a stable mark of its id, writes formal answers in the demo. */
const formalBody = (organizationId: string | null) => organizationId !== null && Number.parseInt(organizationId.slice(0, 6), 16) % 6 === 3;

const RESULTS = [AnswerResult.SUPPORTED, AnswerResult.EXPLAINED, AnswerResult.SUPPORTED, AnswerResult.ANSWER_GIVEN];
/** The demo is the only writer of its appeals: any version will do. */
const ANY_VERSION = null as unknown as number;

/**
 * One step of an appeal's demo life through the lifecycle's own action, by
 * the role that takes it in production. False when the step cannot be taken
 * (no body with operators, an extension the rules refuse): the appeal then
 * stays where it is, as a refused mutation would leave it.
 */
export async function runDemoStep(app: AppServices, cast: DemoCast, id: string, step: DemoStep, state: DemoState, index: number): Promise<boolean> {
  const actions = new AppealActions(app);
  const em = app.orm.em.fork() as EntityManager;
  const specialist = { user: cast.specialist };
  const pick = <T>(list: readonly T[]) => list[index % list.length]!;
  const operator = () => {
    const list = state.organization_id ? cast.operators.get(state.organization_id) : undefined;
    return list?.length ? { user: pick(list) } : null;
  };
  try {
    switch (step.action) {
      case 'REGISTER':
        await actions.registerReceived(em, specialist, id, ANY_VERSION);
        return true;
      case 'ENSURE_BODY': {
        if (state.organization_id && cast.operators.has(state.organization_id)) return true;
        const bodies = cast.bodiesBySector.get(state.sector_code ?? '') ?? [];
        if (!bodies.length) return false;
        await actions.assign(em, specialist, id, pick(bodies), null, ANY_VERSION);
        return true;
      }
      case 'REDIRECT': {
        const others = (cast.bodiesBySector.get(state.sector_code ?? '') ?? []).filter((b) => b !== state.organization_id);
        if (!others.length) return true;
        await actions.redirect(em, specialist, id, pick(others), 'Направлено по компетенции', ANY_VERSION);
        return true;
      }
      case 'START': {
        const op = operator();
        if (!op) return false;
        await actions.startWork(em, op, id, ANY_VERSION);
        return true;
      }
      case 'EXTEND': {
        const op = operator();
        if (!op) return false;
        await actions.extend(em, op, id, 'Требуется выезд на место и дополнительная проверка', null, ANY_VERSION);
        return true;
      }
      case 'ANSWER': {
        const op = operator();
        if (!op) return false;
        // Answers name the place they are about; one body in six answers half its appeals with the
        // one formal text (what the ANSWER_QUALITY recommendation is there to find), the others rarely.
        const formal = formalBody(state.organization_id) ? index % 2 === 0 : index % 25 === 0;
        const text = formal ? BOILERPLATE_ANSWER : `${pick(ANSWERS)}${state.address ? ` Адрес: ${state.address}.` : ''}`;
        await actions.answer(em, op, id, { text, result: pick(RESULTS) }, ANY_VERSION);
        return true;
      }
      case 'RETURN':
        await actions.review(em, specialist, id, ReviewDecision.RETURN, pick(RETURN_REASONS), ANY_VERSION);
        return true;
      case 'ACCEPT':
        await actions.review(em, specialist, id, ReviewDecision.ACCEPT, null, ANY_VERSION);
        return true;
      case 'RATE': {
        const score = step.score ?? 5;
        await actions.rate(em, LINK_ACTOR, id, score, score <= 2 ? pick(NEGATIVE_COMMENTS) : null, null, 'LINK');
        return true;
      }
      case 'CLOSE':
        await actions.close(em, specialist, id, 'Автор не оценил ответ', ANY_VERSION);
        return true;
      case 'REJECT':
        await actions.reject(em, specialist, id, 'Не содержит сути предложения, заявления или жалобы (ст. 11 59-ФЗ)', ANY_VERSION);
        return true;
      case 'REOPEN':
        await actions.reopen(em, specialist, id, 'Повторное обращение по тому же вопросу', ANY_VERSION);
        return true;
    }
  } catch (error) {
    // A step the rules refuse leaves the appeal where it is (the demo shows only what the API allows).
    if (['CONFLICT', 'BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND'].includes(errorCode(error) ?? '')) return false;
    throw error;
  }
}

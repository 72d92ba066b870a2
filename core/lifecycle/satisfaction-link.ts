import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from './lifecycle-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { runAppealTransaction } from '../events/appeal-transaction.js';
import { AppealStatus } from '../entities/enums.js';
import { badInput, conflict } from '../errors/errors.js';
import { lockAppeal } from './appeal-lock.js';
import { PurposeTokens } from '../auth/purpose-keys.js';
import type { AppealActions } from './appeal-actions.service.js';

/**
 * A link to rate an answer without logging in (DOMAIN.md "Satisfaction"):
 * an HS256 token for one appeal and one answer, signed with a key of its own
 * derived from the deployment's secret for the purpose 'rating-link'
 * (core/auth/purpose-keys.ts): a sign-in token is not accepted as a rating
 * link, nor the reverse, and a link signed with the sign-in key is refused,
 * whatever JWT_ALGORITHM. Expires; single use: an answer is rated once, and a
 * new answer needs a new link.
 */
/** The actor named in the audit trail for ratings given through the link. */
export const LINK_ACTOR = { label: 'satisfaction-link' } as const;

interface LinkClaims {
  sub: string;
  /** The answer rated: the appeal's answeredAt in ms. */
  ans: number;
}

export interface SatisfactionLinkInfo {
  token: string;
  url: string | null;
  expiresAt: Date;
}

export async function issueSatisfactionLink(app: LifecycleServices, em: EntityManager, user: AuthUser, id: string): Promise<SatisfactionLinkInfo> {
  const now = app.clock.now();
  const expiresAt = new Date(now.getTime() + app.config.SATISFACTION_LINK_TTL_DAYS * 86_400_000);
  return runAppealTransaction(app, em, { user }, async (tx) => {
    const appeal = await lockAppeal(tx.em, id, { user });
    if (!appeal.answeredAt || ![AppealStatus.ANSWERED, AppealStatus.CLOSED].includes(appeal.status)) {
      throw conflict('Оценить можно только обращение, по которому дан ответ');
    }
    if (appeal.ratedAt && appeal.ratedAt >= appeal.answeredAt) throw conflict('Ответ уже оценён');
    const token = linkTokens(app).sign({ sub: appeal.id, ans: appeal.answeredAt.getTime() }, now, expiresAt);
    tx.record({ appeal, type: 'SATISFACTION_LINK_ISSUED', fromStatus: appeal.status, toStatus: appeal.status, data: { expiresAt: expiresAt.toISOString() } });
    const base = app.config.SATISFACTION_LINK_BASE;
    return { token, url: base ? `${base}${base.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : null, expiresAt };
  });
}

const linkTokens = (app: LifecycleServices) =>
  new PurposeTokens<LinkClaims>({ rootSecret: app.config.rootSecret, issuer: app.config.JWT_ISSUER }, 'rating-link');

function verifyLink(app: LifecycleServices, token: string): LinkClaims {
  const claims = linkTokens(app).verify(token, app.clock.now());
  if (!claims || typeof claims.sub !== 'string' || typeof claims.ans !== 'number') throw badInput('token', 'Ссылка для оценки недействительна или устарела');
  return { sub: claims.sub, ans: claims.ans };
}

/** The public rating: no login, the token is the permission. */
export async function rateByLink(
  app: LifecycleServices,
  em: EntityManager,
  actions: AppealActions,
  token: string,
  score: number,
  comment: string | null | undefined,
) {
  const claims = verifyLink(app, token);
  return actions.rate(em, LINK_ACTOR, claims.sub, score, comment, null, 'LINK', claims.ans);
}

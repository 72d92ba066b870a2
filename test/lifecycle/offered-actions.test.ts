import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { ANSWER, idOf, M, ok, register } from './lifecycle-helpers.js';

/**
 * `allowedActions` offers exactly what the mutations accept (issue 15 item 4):
 * for appeals driven into every status (and the conditional states: paused,
 * extended once, under an urgent rule, overdue), each action offered to a
 * caller succeeds for that caller, and EXTEND is not offered where the
 * mutation would refuse it.
 */
const DAY = 86_400_000;
let t: TestApp;
let clock: ManualClock;
let integration: string;
let specialist: string;
let operator: { id: string; token: string };
let body: string;
let otherBody: string;
let yoshkarOla: string;

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T10:00:00+03:00');
  t = await startTestApp({ clock, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  [integration, specialist] = await Promise.all([t.user(Role.INTEGRATION), t.user(Role.CENTER_SPECIALIST)]).then((users) => users.map((u) => u.token));
  operator = await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
  body = await idOf(t, 'organization', 'adm-yoshkar-ola');
  otherBody = await idOf(t, 'organization', 'min-construction');
  yoshkarOla = await idOf(t, 'municipality', 'yoshkar-ola');
});
afterAll(() => t?.stop());

type Appeal = { id: string; version: number; status: string; allowedActions: string[]; organization: { id: string } | null };
const step = (query: string, variables: Record<string, unknown>, token = specialist) => ok<Appeal>(t, query, variables, token);
const v = (a: Appeal) => ({ id: a.id, v: a.version });

/** A fresh appeal driven to one state; each call makes a new one, so an action can be tried on it once. */
const STATES: Record<string, () => Promise<Appeal>> = {
  NEW: async () =>
    (
      await register(t, integration, {
        channel: 'WRITTEN',
        text: 'Во дворе сломаны качели',
        receivedAt: clock.now().toISOString(),
        category: 'housing.yard-improvement',
        municipalityId: yoshkarOla,
      })
    ).appeal,
  REGISTERED: async () => {
    const a = await STATES.NEW!();
    return step(M.registerReceived, v(a));
  },
  ASSIGNED: async () => {
    const a = await STATES.REGISTERED!();
    return a.status === 'ASSIGNED' ? a : step(M.assign, { ...v(a), org: body });
  },
  IN_PROGRESS: async () => step(M.start, v(await STATES.ASSIGNED!()), operator.token),
  PAUSED: async () => step(M.pause, { ...v(await STATES.IN_PROGRESS!()), reason: 'Запрошено уточнение у автора' }, operator.token),
  EXTENDED: async () => step(M.extend, { ...v(await STATES.IN_PROGRESS!()), reason: 'Запрос в другой орган' }, operator.token),
  URGENT: async () => {
    const { appeal } = await register(t, integration, {
      channel: 'POS',
      text: 'Не греют батареи, +14 в квартире',
      receivedAt: clock.now().toISOString(),
      category: 'housing.heating',
      municipalityId: yoshkarOla,
    });
    return step(M.start, v(appeal.status === 'ASSIGNED' ? appeal : await step(M.assign, { ...v(appeal), org: body })), operator.token);
  },
  ON_REVIEW: async () => step(M.answer, { ...v(await STATES.IN_PROGRESS!()), input: ANSWER }, operator.token),
  ANSWERED: async () => step(M.review, { ...v(await STATES.ON_REVIEW!()), decision: 'ACCEPT' }),
  CLOSED: async () => step(M.close, v(await STATES.ANSWERED!())),
  REJECTED: async () => step(M.reject, { ...v(await STATES.REGISTERED!()), reason: 'Не содержит вопроса' }),
  REOPENED: async () => step(M.rate, { id: (await STATES.ANSWERED!()).id, score: 1 }),
  REDIRECTED: async () => step(M.redirect, { ...v(await STATES.ASSIGNED!()), org: otherBody, reason: 'Не наша компетенция' }),
};

/** How each action is asked for, by the caller it was offered to. */
function attempt(action: string, a: Appeal, token: string): Promise<Appeal> {
  const mine = token === operator.token;
  const run = (query: string, variables: Record<string, unknown> = {}) => step(query, { ...v(a), ...variables }, token);
  switch (action) {
    case 'REGISTER':
      return run(M.registerReceived);
    case 'ASSIGN':
      return mine ? run(M.assign, { org: body, assignee: operator.id }) : run(M.assign, { org: body });
    case 'REDIRECT':
      return run(M.redirect, { org: a.organization?.id === otherBody ? body : otherBody, reason: 'По компетенции' });
    case 'EXTEND':
      return run(M.extend, { reason: 'Нужна выездная проверка' });
    case 'START_WORK':
      return run(M.start);
    case 'PAUSE':
      return run(M.pause, { reason: 'Ждём уточнения' });
    case 'RESUME':
      return run(M.resume);
    case 'ANSWER':
      return run(M.answer, { input: ANSWER });
    case 'REVIEW_ACCEPT':
      return run(M.review, { decision: 'ACCEPT' });
    case 'REVIEW_RETURN':
      return run(M.review, { decision: 'RETURN', comment: 'Ответ не по существу' });
    case 'RATE':
      return step(M.rate, { id: a.id, score: 5 }, token);
    case 'RATE_NEGATIVE':
      return step(M.rate, { id: a.id, score: 1 }, token);
    case 'REJECT':
      return run(M.reject, { reason: 'Повторное без новых доводов' });
    case 'REOPEN':
      return run(M.reopen, { reason: 'Вопрос не решён' });
    case 'CLOSE':
      return run(M.close);
    case 'STRUCTURE':
      return run(M.structure, { input: { sector: 'housing', category: 'housing.yard-improvement' } });
    default:
      throw new Error(`no way to ask for ${action}`);
  }
}

describe('allowedActions', () => {
  for (const [state, reach] of Object.entries(STATES)) {
    it(`offers in ${state} only actions that then succeed, to the ЦУР and to the body`, async () => {
      const sample = await reach();
      for (const token of [specialist, operator.token]) {
        const read = await t.gql(`query($id: ID!) { appeal(id: $id) { allowedActions } }`, { id: sample.id }, token);
        // An appeal outside the caller's scope (a body's operator before routing) offers nothing: it is not there.
        if (read.errors?.[0]?.extensions?.code === 'NOT_FOUND') continue;
        expect(read.errors).toBeUndefined();
        for (const action of (read.data as { appeal: Appeal }).appeal.allowedActions) {
          const fresh = await reach();
          await expect(attempt(action, fresh, token), `${state}: ${action} offered to ${token === specialist ? 'the ЦУР' : 'the body'}`).resolves.toBeTruthy();
        }
      }
    });
  }

  it('stops offering EXTEND after the one extension, under an urgent rule and once the term has run out', async () => {
    const offered = async (a: Appeal) =>
      (await ok<Appeal>(t, `query($id: ID!) { appeal(id: $id) { allowedActions } }`, { id: a.id }, operator.token)).allowedActions;
    expect(await offered(await STATES.IN_PROGRESS!())).toContain('EXTEND');
    expect(await offered(await STATES.EXTENDED!())).not.toContain('EXTEND');
    expect(await offered(await STATES.URGENT!())).not.toContain('EXTEND');
    const late = await STATES.IN_PROGRESS!();
    clock.advance(40 * DAY);
    try {
      expect(await offered(late)).not.toContain('EXTEND');
    } finally {
      clock.set('2026-03-02T10:00:00+03:00');
    }
  });
});

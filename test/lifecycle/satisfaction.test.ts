import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { ANSWER, fails, idOf, M, ok, register, staff, type Staff } from './lifecycle-helpers.js';

const DAY = 86_400_000;
const LINK = 'mutation($id: ID!) { issueSatisfactionLink(id: $id) { token url expiresAt } }';
const RATE_BY_LINK =
  'mutation($token: String!, $score: Int!, $comment: String) { rateAppealByLink(token: $token, score: $score, comment: $comment) { number score reopened } }';

let t: TestApp;
let s: Staff;
let clock: ManualClock;
let yoshkarOla: string;

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T10:00:00+03:00');
  t = await startTestApp({ clock, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400), SATISFACTION_LINK_BASE: 'https://cur.example/rate' } });
  s = await staff(t);
  yoshkarOla = await idOf(t, 'municipality', 'yoshkar-ola');
});
afterAll(() => t?.stop());

/** An appeal whose answer the ЦУР has accepted. */
async function answered() {
  const { appeal } = await register(t, s.integration, {
    channel: 'POS',
    text: 'Во дворе сломаны качели',
    receivedAt: clock.now().toISOString(),
    category: 'housing.yard-improvement',
    municipalityId: yoshkarOla,
  });
  const operator = await s.operator('adm-yoshkar-ola');
  const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
  const done = await ok(t, M.answer, { id: appeal.id, input: ANSWER, v: started.version }, operator);
  clock.advance(3_600_000);
  return ok(t, M.review, { id: appeal.id, decision: 'ACCEPT', v: done.version }, s.specialist);
}

describe('rating by staff (rateAppeal)', () => {
  it('closes on 3..5 and keeps the rating', async () => {
    const appeal = await answered();
    const rated = await ok(t, M.rate, { id: appeal.id, score: 4, comment: 'Спасибо' }, s.specialist);
    expect(rated).toMatchObject({ status: 'CLOSED', satisfaction: { score: 4, negative: false }, reopenCount: 0 });
    const again = await fails(t, M.rate, { id: appeal.id, score: 5 }, s.specialist);
    expect(again.extensions?.code).toBe('CONFLICT');
  });

  it('reopens on 1..2 for the same body, with a new term, counted against quality', async () => {
    const appeal = await answered();
    clock.advance(DAY);
    const rated = await ok(t, M.rate, { id: appeal.id, score: 2, comment: 'Качели так и не починили' }, s.specialist);
    expect(rated).toMatchObject({
      status: 'REOPENED',
      reopenCount: 1,
      answeredAt: null,
      organization: { code: 'adm-yoshkar-ola' },
      satisfaction: { score: 2, negative: true },
    });
    // A new consideration: the term counts from the reopening.
    expect(Date.parse(rated.deadline.dueAt)).toBeGreaterThan(Date.parse(appeal.deadline.dueAt));
    expect(rated.deadline.state).toBe('ON_TIME');
    const full = await ok(t, M.read, { id: appeal.id }, s.specialist);
    expect(full.history.at(-1)).toMatchObject({ type: 'RATED', fromStatus: 'ANSWERED', toStatus: 'REOPENED', reason: 'Качели так и не починили' });
    expect(full.history.at(-1).data).toMatchObject({ score: 2, negative: true, via: 'STAFF' });

    // The body works on it again and the new answer can be rated again.
    const operator = await s.operator('adm-yoshkar-ola');
    clock.advance(DAY);
    const started = await ok(t, M.start, { id: appeal.id, v: rated.version }, operator);
    const answer = await ok(t, M.answer, { id: appeal.id, input: { ...ANSWER, text: 'Качели заменены' }, v: started.version }, operator);
    const accepted = await ok(t, M.review, { id: appeal.id, decision: 'ACCEPT', v: answer.version }, s.specialist);
    const second = await ok(t, M.rate, { id: appeal.id, score: 5 }, s.specialist);
    expect(second).toMatchObject({ status: 'CLOSED', satisfaction: { score: 5 } });
    expect(accepted.reopenCount).toBe(1);
  });

  it('refuses a score outside 1..5 and a rating before an answer', async () => {
    const appeal = await answered();
    const bad = await fails(t, M.rate, { id: appeal.id, score: 6 }, s.specialist);
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'score' });
    const { appeal: fresh } = await register(t, s.integration, {
      channel: 'POS',
      text: 'Новое',
      receivedAt: clock.now().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: yoshkarOla,
    });
    const early = await fails(t, M.rate, { id: fresh.id, score: 5 }, s.specialist);
    expect(early.extensions).toMatchObject({ code: 'CONFLICT', status: 'ASSIGNED' });
  });
});

describe('rating by a signed link (no login)', () => {
  it('accepts one rating per answer through the link, with no token of a user', async () => {
    const appeal = await answered();
    const link = await ok(t, LINK, { id: appeal.id }, s.specialist);
    expect(link.url).toBe(`https://cur.example/rate?token=${encodeURIComponent(link.token)}`);
    expect(Date.parse(link.expiresAt)).toBe(clock.now().getTime() + 30 * DAY);
    const receipt = await ok(t, RATE_BY_LINK, { token: link.token, score: 5, comment: 'Отлично' }, '');
    expect(receipt).toEqual({ number: appeal.number, score: 5, reopened: false });
    const reused = await fails(t, RATE_BY_LINK, { token: link.token, score: 1 });
    expect(reused.extensions?.code).toBe('CONFLICT');
    const full = await ok(t, M.read, { id: appeal.id }, s.specialist);
    expect(full).toMatchObject({ status: 'CLOSED', satisfaction: { score: 5 } });
    expect(full.history.at(-1).data).toMatchObject({ via: 'LINK' });
    const [event] = await t.em().execute(`select actor_label from appeal_event where appeal_id = ? and type = 'RATED'`, [appeal.id]);
    expect(event.actor_label).toBe('satisfaction-link');
  });

  it('reopens on a negative rating through the link', async () => {
    const appeal = await answered();
    const link = await ok(t, LINK, { id: appeal.id }, s.specialist);
    const receipt = await ok(t, RATE_BY_LINK, { token: link.token, score: 1 }, '');
    expect(receipt.reopened).toBe(true);
  });

  it('refuses a tampered, expired, foreign or sign-in token', async () => {
    const appeal = await answered();
    const link = await ok(t, LINK, { id: appeal.id }, s.specialist);
    const [header, payload, signature] = link.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const other = await answered();
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: other.id })).toString('base64url')}.${signature}`;
    const foreign = jwt.sign(claims, 'some-other-secret-of-length', { algorithm: 'HS256' });
    const { token: signIn } = await t.user(Role.CENTER_SPECIALIST);
    for (const token of [tampered, foreign, signIn, 'garbage']) {
      const error = await fails(t, RATE_BY_LINK, { token, score: 5 });
      expect(error.extensions, token).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    }
    clock.advance(31 * DAY);
    const expired = await fails(t, RATE_BY_LINK, { token: link.token, score: 5 });
    expect(expired.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('refuses a link signed with the sign-in key (JWT_SECRET itself), and a link does not sign in', async () => {
    const appeal = await answered();
    const link = await ok(t, LINK, { id: appeal.id }, s.specialist);
    const claims = JSON.parse(Buffer.from(link.token.split('.')[1], 'base64url').toString());
    // Everything as a real link says, only signed with the sign-in secret.
    const withJwtKey = jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256' });
    const error = await fails(t, RATE_BY_LINK, { token: withJwtKey, score: 1 });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    const asSignIn = await t.gql('{ me { id } }', {}, link.token);
    expect(asSignIn.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The real link still works once.
    expect(await ok(t, RATE_BY_LINK, { token: link.token, score: 4 }, '')).toMatchObject({ score: 4 });
  });

  it('is not issued before an answer, and a link to an earlier answer is refused after a reopening', async () => {
    const { appeal: fresh } = await register(t, s.integration, {
      channel: 'POS',
      text: 'Новое',
      receivedAt: clock.now().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: yoshkarOla,
    });
    const early = await fails(t, LINK, { id: fresh.id }, s.specialist);
    expect(early.extensions?.code).toBe('CONFLICT');

    const appeal = await answered();
    const link = await ok(t, LINK, { id: appeal.id }, s.specialist);
    const reopened = await ok(t, M.reopen, { id: appeal.id, reason: 'Повторное обращение по тому же вопросу', v: appeal.version }, s.specialist);
    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: appeal.id, v: reopened.version }, operator);
    const answer = await ok(t, M.answer, { id: appeal.id, input: ANSWER, v: started.version }, operator);
    clock.advance(3_600_000);
    await ok(t, M.review, { id: appeal.id, decision: 'ACCEPT', v: answer.version }, s.specialist);
    const stale = await fails(t, RATE_BY_LINK, { token: link.token, score: 5 });
    expect(stale.extensions?.code).toBe('CONFLICT');
  });
});

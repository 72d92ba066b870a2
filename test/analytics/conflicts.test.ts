import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { queryOne, sql } from '../../core/db/sql.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { BOILERPLATE, loadFixture, NOW, type Fixture } from './fixture.js';

let t: TestApp;
let fx: Fixture;
let curator: string;
const FROM = new Date('2026-05-01T00:00:00+03:00');
const TO = new Date('2026-06-01T00:00:00+03:00');
const within = (at: Date | null) => Boolean(at && at >= FROM && at < TO);

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  fx = await loadFixture(t);
  ({ token: curator } = await t.user(Role.CURATOR));
});
afterAll(() => t?.stop());

const Q = `query C($from: DateTime!, $to: DateTime!, $kinds: [ConflictKind!]) { conflicts(from: $from, to: $to, kinds: $kinds) {
  kind kindLabel at reason count appealIds organization { code } appeals { id number } } }`;

describe('conflicts', () => {
  it('finds each kind of communication failure with its reason and the appeals behind it', async () => {
    const r = await t.gql(Q, { from: FROM, to: TO }, curator);
    expect(r.errors).toBeUndefined();
    const of = (kind: string) => r.data.conflicts.filter((c: any) => c.kind === kind);

    const negative = fx.appeals.filter((a) => a.score != null && a.score <= 2 && within(a.ratedAt));
    expect(
      of('NEGATIVE_RATING')
        .map((c: any) => c.appealIds[0])
        .sort(),
    ).toEqual(negative.map((a) => a.id).sort());
    expect(of('NEGATIVE_RATING')[0].reason).toMatch(/^Оценка ответа [12] из 5/);
    expect(negative.length).toBeGreaterThan(0);

    const late = fx.appeals.filter((a) => a.answeredAt && a.answeredAt > a.dueAt && within(a.answeredAt));
    expect(
      of('ANSWERED_LATE')
        .map((c: any) => c.appealIds[0])
        .sort(),
    ).toEqual(late.map((a) => a.id).sort());
    expect(of('ANSWERED_LATE')[0].reason).toMatch(/позже срока/);

    const returned = fx.appeals.filter((a) => a.returned && within(new Date(a.answeredAt!.getTime() - 30 * 60_000)));
    expect(
      of('RETURNED_FOR_REWORK')
        .map((c: any) => c.appealIds[0])
        .sort(),
    ).toEqual(returned.map((a) => a.id).sort());
    expect(of('RETURNED_FOR_REWORK')[0].reason).toContain('Ответ не по существу');

    const repeats = fx.appeals.filter((a) => a.isRepeat && within(a.receivedAt));
    const originals = new Set(repeats.map((a) => a.repeatOf!));
    expect(of('REPEATED_AFTER_ANSWER')).toHaveLength(originals.size);
    for (const c of of('REPEATED_AFTER_ANSWER')) {
      const own = repeats.filter((a) => a.repeatOf === c.appealIds[0]);
      expect(c.appealIds.slice(1).sort()).toEqual(own.map((a) => a.id).sort());
      expect(c.reason).toContain(fx.appeals.find((a) => a.id === c.appealIds[0])!.number);
    }

    const boilerplate = of('BOILERPLATE_ANSWER');
    expect(boilerplate).toHaveLength(1);
    const sent = fx.appeals.filter((a) => a.answerText === BOILERPLATE && within(a.answeredAt));
    expect(boilerplate[0].appealIds).toEqual(sent.map((a) => a.id).sort());
    expect(boilerplate[0].reason).toContain(`на ${sent.length} обращений по ${new Set(sent.map((a) => a.category)).size} разным вопросам`);
    expect(boilerplate[0].appeals).toHaveLength(sent.length);
    // The answers come from both sources (accepted responses and ANSWERED entries): both are read.
    const { n } = (await queryOne<{ n: number }>(t.em(), sql`select count(*)::int as n from appeal_response where text = ${BOILERPLATE}`))!;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(sent.length);
  });

  it('does not call a text a boilerplate below the configured number of appeals', async () => {
    const app = await startTestApp({ clock: new ManualClock(NOW), env: { BOILERPLATE_MIN_APPEALS: '7' } });
    try {
      await loadFixture(app);
      const { token } = await app.user(Role.ANALYST);
      const r = await app.gql(Q, { from: FROM, to: TO, kinds: ['BOILERPLATE_ANSWER'] }, token);
      expect(r.data.conflicts).toEqual([]);
    } finally {
      await app.stop();
    }
  });

  it("finds a boilerplate answer among the own body's appeals only", async () => {
    const sent = fx.appeals.filter((a) => a.answerText === BOILERPLATE && within(a.answeredAt));
    const orgs = [...new Set(sent.map((a) => a.org).filter((o): o is string => o != null))];
    const org = orgs.sort((x, y) => sent.filter((a) => a.org === y).length - sent.filter((a) => a.org === x).length)[0];
    const own = sent.filter((a) => a.org === org);
    expect(own.length).toBeLessThan(sent.length);
    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: org });
    const r = await t.gql(Q, { from: FROM, to: TO, kinds: ['BOILERPLATE_ANSWER'] }, token);
    expect(r.errors).toBeUndefined();
    const expected =
      own.length >= 5 /* BOILERPLATE_MIN_APPEALS' default */ && new Set(own.map((a) => a.category)).size >= 2 ? [own.map((a) => a.id).sort()] : [];
    expect(r.data.conflicts.map((c: any) => c.appealIds)).toEqual(expected);
  });

  it('keeps an operator to its own body', async () => {
    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-volzhsk' });
    const r = await t.gql(Q, { from: FROM, to: TO, kinds: ['ANSWERED_LATE'] }, token);
    const expected = fx.appeals.filter((a) => a.org === 'adm-volzhsk' && a.answeredAt && a.answeredAt > a.dueAt && within(a.answeredAt));
    expect(r.data.conflicts).toHaveLength(expected.length);
    expect(r.data.conflicts.every((c: any) => c.organization.code === 'adm-volzhsk')).toBe(true);
  });
});

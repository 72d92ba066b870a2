import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { loadFixture, NOW, TINY_ORG, type Fixture, type FxAppeal } from './fixture.js';
import { inPeriod, isOnTime, median, responseHours } from './recompute.js';

const FROM = new Date('2026-01-01T00:00:00+03:00');
const TO = new Date('2026-06-01T00:00:00+03:00');
const WEIGHTS = { quantity: 0.1, timeliness: 0.25, quality: 0.15, speed: 0.1, completeness: 0.15, satisfaction: 0.15, repeats: 0.1 };

let t: TestApp;
let fx: Fixture;
let curator: string;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  fx = await loadFixture(t);
  ({ token: curator } = await t.user(Role.CURATOR));
});
afterAll(() => t?.stop());

const PART = 'part value weight points formula figures { code label value }';
const RATINGS = `query R($subject: RatingSubject!, $from: DateTime!, $to: DateTime!, $sector: String) {
  ratings(subject: $subject, from: $from, to: $to, sector: $sector) {
    rank ranked name score appeals perTenThousand organization { id code } municipality { id code }
    quantity { ${PART} } timeliness { ${PART} } quality { ${PART} } speed { ${PART} }
    completeness { ${PART} } satisfaction { ${PART} } repeats { ${PART} }
  }
}`;

/** The scoring rules written again, independently, over the fixture's records. */
function expectedRatings(list: FxAppeal[], key: (a: FxAppeal) => string | null, m: number, minAppeals: number, population?: Map<string, number>) {
  const dueBy = Math.min(TO.getTime(), NOW.getTime());
  const figures = (items: FxAppeal[]) => {
    const answered = items.filter((a) => a.answeredAt);
    const due = items.filter((a) => a.dueAt.getTime() <= dueBy);
    return {
      n: items.length,
      answered: answered.length,
      onTime: answered.filter(isOnTime).length,
      returned: items.filter((a) => a.returned).length,
      rated: items.filter((a) => a.score != null).length,
      negative: items.filter((a) => a.score != null && a.score <= 2).length,
      repeats: items.filter((a) => a.isRepeat).length,
      due: due.length,
      dueAnswered: due.filter((a) => a.answeredAt).length,
      median: median(answered.map(responseHours)),
    };
  };
  const rated = list.filter((a) => key(a) != null);
  const pooled = figures(rated);
  const groups = new Map<string, FxAppeal[]>();
  for (const a of rated) groups.set(key(a)!, [...(groups.get(key(a)!) ?? []), a]);
  const per = (id: string, n: number) => (population ? (n / population.get(id)!) * 10000 : null);
  const rates = [...groups].map(([id, items]) => per(id, items.length)!);
  const shrink = (hits: number, trials: number, ph: number, pt: number) => (hits + m * (ph / pt)) / (trials + m);
  const rows = [...groups].map(([id, items]) => {
    const f = figures(items);
    const shrunkMedian = f.median == null ? pooled.median! : (f.answered * f.median + m * pooled.median!) / (f.answered + m);
    const perTen = per(id, f.n);
    const parts = {
      quantity: population ? (Math.max(...rates) - perTen!) / (Math.max(...rates) - Math.min(...rates)) : shrink(f.answered, f.n, pooled.answered, pooled.n),
      timeliness: shrink(f.onTime, f.answered, pooled.onTime, pooled.answered),
      quality: 1 - shrink(f.returned, f.answered, pooled.returned, pooled.answered),
      speed: pooled.median! / (pooled.median! + shrunkMedian),
      completeness: shrink(f.dueAnswered, f.due, pooled.dueAnswered, pooled.due),
      satisfaction: 1 - shrink(f.negative, f.rated, pooled.negative, pooled.rated),
      repeats: 1 - shrink(f.repeats, f.n, pooled.repeats, pooled.n),
    };
    const score = (100 * Object.entries(parts).reduce((s, [part, v]) => s + WEIGHTS[part as keyof typeof WEIGHTS] * v, 0)) / 1;
    return { id, f, parts, score, ranked: f.n >= minAppeals };
  });
  rows.sort((a, b) => Number(b.ranked) - Number(a.ranked) || b.score - a.score || b.f.n - a.f.n);
  return rows;
}

describe('ratings', () => {
  it('ranks bodies by the score an independent recomputation gives, with every part and its figures', async () => {
    const r = await t.gql(RATINGS, { subject: 'ORGANIZATION', from: FROM, to: TO }, curator);
    expect(r.errors).toBeUndefined();
    const expected = expectedRatings(fx.appeals.filter(inPeriod(FROM, TO)), (a) => a.orgId, 20, 5);
    expect(r.data.ratings.map((row: any) => row.organization.id)).toEqual(expected.map((e) => e.id));
    r.data.ratings.forEach((row: any, i: number) => {
      const e = expected[i];
      expect(row.score).toBeCloseTo(e.score, 6);
      expect(row.rank).toBe(e.ranked ? i + 1 : null);
      expect(row.appeals).toBe(e.f.n);
      for (const [part, value] of Object.entries(e.parts)) expect(row[part].value, part).toBeCloseTo(value, 6);
      const fig = (part: string, code: string) => row[part].figures.find((x: any) => x.code === code)?.value;
      expect(fig('timeliness', 'answered')).toBe(e.f.answered);
      expect(fig('timeliness', 'answeredOnTime')).toBe(e.f.onTime);
      expect(fig('quality', 'returned')).toBe(e.f.returned);
      expect(fig('satisfaction', 'negative')).toBe(e.f.negative);
      expect(fig('completeness', 'due')).toBe(e.f.due);
      expect(fig('repeats', 'repeats')).toBe(e.f.repeats);
      if (e.f.median != null) expect(fig('speed', 'medianResponseHours')).toBeCloseTo(e.f.median, 6);
      const points = ['quantity', 'timeliness', 'quality', 'speed', 'completeness', 'satisfaction', 'repeats'].reduce((s, p) => s + row[p].points, 0);
      expect(points).toBeCloseTo(row.score, 6);
    });
  });

  it('keeps a body with 2 appeals answered in 4 minutes off the top, by shrinkage as well as by the minimum count', async () => {
    const r = await t.gql(RATINGS, { subject: 'ORGANIZATION', from: FROM, to: TO }, curator);
    const tiny = r.data.ratings.find((row: any) => row.organization.code === TINY_ORG);
    expect(tiny.appeals).toBe(2);
    expect(tiny.rank).toBeNull();
    expect(tiny.speed.figures.find((f: any) => f.code === 'medianResponseHours').value).toBeCloseTo(4 / 60, 6);

    // Without the minimum count, shrinkage alone keeps it off the top...
    const shrunk = await startTestApp({ clock: new ManualClock(NOW), env: { RATING_MIN_APPEALS: '0' } });
    const raw = await startTestApp({ clock: new ManualClock(NOW), env: { RATING_MIN_APPEALS: '0', RATING_PRIOR_WEIGHT: '0' } });
    try {
      for (const app of [shrunk, raw]) await loadFixture(app);
      const rank = async (app: TestApp) => {
        const { token } = await app.user(Role.ANALYST);
        const res = await app.gql(RATINGS, { subject: 'ORGANIZATION', from: FROM, to: TO }, token);
        return res.data.ratings.find((row: any) => row.organization.code === TINY_ORG).rank;
      };
      expect(await rank(shrunk)).toBeGreaterThan(1);
      // ...while with no shrinkage it would top the list: the rule is what keeps it down.
      expect(await rank(raw)).toBe(1);
    } finally {
      await shrunk.stop();
      await raw.stop();
    }
  });

  it('rates municipalities per 10,000 residents', async () => {
    const r = await t.gql(RATINGS, { subject: 'MUNICIPALITY', from: FROM, to: TO }, curator);
    expect(r.errors).toBeUndefined();
    const population = new Map([...fx.municipalities.values()].map((m) => [m.id, m.population]));
    const expected = expectedRatings(fx.appeals.filter(inPeriod(FROM, TO)), (a) => a.municipalityId, 20, 5, population);
    expect(r.data.ratings.map((row: any) => row.municipality.id)).toEqual(expected.map((e) => e.id));
    r.data.ratings.forEach((row: any, i: number) => {
      expect(row.perTenThousand).toBeCloseTo((expected[i].f.n / population.get(expected[i].id)!) * 10000, 6);
      expect(row.quantity.value).toBeCloseTo(expected[i].parts.quantity, 6);
      expect(row.score).toBeCloseTo(expected[i].score, 6);
    });
  });

  it('takes the weights from configuration', async () => {
    const app = await startTestApp({
      clock: new ManualClock(NOW),
      env: { RATING_WEIGHTS: '{"quantity":0,"timeliness":1,"quality":0,"speed":0,"completeness":0,"satisfaction":0,"repeats":0}' },
    });
    try {
      await loadFixture(app);
      const { token } = await app.user(Role.CENTER_HEAD);
      const r = await app.gql(RATINGS, { subject: 'ORGANIZATION', from: FROM, to: TO, sector: 'housing' }, token);
      expect(r.errors).toBeUndefined();
      for (const row of r.data.ratings) expect(row.score).toBeCloseTo(100 * row.timeliness.value, 6);
      const scores = r.data.ratings.filter((row: any) => row.ranked).map((row: any) => row.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    } finally {
      await app.stop();
    }
  });

  it('shows an operator its own row with its true place, and keeps sector roles to their sector', async () => {
    const all = await t.gql(RATINGS, { subject: 'ORGANIZATION', from: FROM, to: TO }, curator);
    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: 'gzhi' });
    const own = await t.gql(RATINGS, { subject: 'ORGANIZATION', from: FROM, to: TO }, token);
    expect(own.data.ratings).toHaveLength(1);
    expect(own.data.ratings[0]).toEqual(all.data.ratings.find((row: any) => row.organization.code === 'gzhi'));
    const { token: lead } = await t.user(Role.SECTOR_LEAD, { sectors: ['health'] });
    const refused = await t.gql(RATINGS, { subject: 'ORGANIZATION', from: FROM, to: TO, sector: 'housing' }, lead);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const health = await t.gql(RATINGS, { subject: 'ORGANIZATION', from: FROM, to: TO }, lead);
    expect(health.data.ratings.reduce((s: number, row: any) => s + row.appeals, 0)).toBe(
      fx.appeals.filter(inPeriod(FROM, TO)).filter((a) => a.sector === 'health' && a.orgId).length,
    );
  });
});

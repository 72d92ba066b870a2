/**
 * Independent recomputation of the analytics metrics in plain JS over the
 * fixture's records (not over the database), following the definitions in
 * core/analytics/measures/metrics.ts.
 */
import { NOW, OPEN, type FxAppeal } from './fixture.js';

const HOUR = 3_600_000;

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
}

const mean = (values: number[]) => (values.length ? values.reduce((x, y) => x + y, 0) / values.length : null);
const ratio = (n: number, d: number) => (d ? n / d : null);

export const responseHours = (a: FxAppeal) => Math.max(a.answeredAt!.getTime() - a.receivedAt.getTime() - a.pausedMs, 0) / HOUR;
export const isOverdue = (a: FxAppeal, now = NOW) => OPEN.includes(a.status) && !a.answeredAt && a.dueAt < now && !a.pausedAt;
export const isOnTime = (a: FxAppeal) => Boolean(a.answeredAt && a.answeredAt <= a.dueAt);

export function metrics(list: FxAppeal[], negativeMax = 2) {
  const answered = list.filter((a) => a.answeredAt);
  const rated = list.filter((a) => a.score != null);
  const hours = answered.map(responseHours);
  return {
    count: list.length,
    open: list.filter((a) => OPEN.includes(a.status)).length,
    overdue: list.filter((a) => isOverdue(a)).length,
    answered: answered.length,
    answeredOnTime: answered.filter(isOnTime).length,
    onTimeRate: ratio(answered.filter(isOnTime).length, answered.length),
    avgResponseHours: mean(hours),
    medianResponseHours: median(hours),
    satisfactionAvg: mean(rated.map((a) => a.score!)),
    negativeRate: ratio(rated.filter((a) => a.score! <= negativeMax).length, rated.length),
    repeatRate: ratio(list.filter((a) => a.isRepeat).length, list.length),
    redirectRate: ratio(list.filter((a) => a.redirected || a.status === 'REDIRECTED').length, list.length),
    returnedRate: ratio(list.filter((a) => a.returned).length, list.filter((a) => a.answeredAt || a.returned).length),
  };
}

/** Moscow is UTC+3 all year: calendar keys of a moment. */
export const moscowDay = (at: Date) => new Date(at.getTime() + 3 * HOUR).toISOString().slice(0, 10);
export const moscowMonth = (at: Date) => moscowDay(at).slice(0, 7);

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

export const inPeriod = (from: Date, to: Date) => (a: FxAppeal) => a.receivedAt >= from && a.receivedAt < to;

import { describe, expect, it } from 'vitest';
import { computeDeadline } from './deadline-engine.js';
import { defaultDeadlinePolicy, mergeDeadlinePolicy, statutoryRules, type DeadlinePolicy } from './deadline-rules.js';
import { at, calendar, expectInstant, loadBundledYears } from './test-helpers.js';
import { WorkingCalendar } from './working-calendar.js';

// What the deadlines remember between intakes (working days per calendar, statutory rules per policy)
// must never answer for another calendar, start day, count, policy or flag.
const friday = at('2025-03-07T10:00:00+03:00');

describe('remembered working-day walks', () => {
  it('answer per calendar: a day off added in another calendar moves its term and not the first one', () => {
    const years = loadBundledYears().map((y) => (y.year === 2025 ? { ...y, nonWorkingWeekdays: [...y.nonWorkingWeekdays, '2025-03-10'] } : y));
    const other = new WorkingCalendar(years);
    expectInstant(calendar.addWorkingDays(friday, 1), '2025-03-10T23:59:59.999+03:00');
    expectInstant(other.addWorkingDays(friday, 1), '2025-03-11T23:59:59.999+03:00');
    expectInstant(calendar.addWorkingDays(friday, 1), '2025-03-10T23:59:59.999+03:00');
  });

  it('answer per start day and count, and the same for any time of that local day', () => {
    expectInstant(calendar.addWorkingDays(friday, 10), '2025-03-21T23:59:59.999+03:00');
    expectInstant(calendar.addWorkingDays(friday, 1), '2025-03-10T23:59:59.999+03:00');
    expectInstant(calendar.addWorkingDays(at('2025-03-07T00:00:00+03:00'), 10), '2025-03-21T23:59:59.999+03:00');
    expectInstant(calendar.addWorkingDays(at('2025-03-06T23:59:59.999+03:00'), 10), '2025-03-20T23:59:59.999+03:00');
    expectInstant(calendar.addWorkingDays(at('2025-03-06T21:30:00Z'), 10), '2025-03-21T23:59:59.999+03:00'); // 00:30 on the 7th in Moscow
    expectInstant(calendar.addWorkingDays(friday, 0), '2025-03-07T23:59:59.999+03:00');
  });
});

describe('remembered statutory rules', () => {
  const pos = (policy: DeadlinePolicy) => computeDeadline({ channel: 'POS', receivedAt: friday, urgentRules: [], calendar, policy });
  const shorter = () => mergeDeadlinePolicy({ channels: { POS: { regime: 'MESSAGE', codePrefix: 'POS', basis: 'test', answer: { workingDays: 2 } } } });

  it('answer per policy, one after the other', () => {
    const other = shorter();
    for (let i = 0; i < 2; i++) {
      expect(pos(defaultDeadlinePolicy).decidingRule).toBe('POS.answer.10wd');
      expectInstant(pos(defaultDeadlinePolicy).dueAt, '2025-03-21T23:59:59.999+03:00');
      expect(pos(other).decidingRule).toBe('POS.answer.2wd');
      expectInstant(pos(other).dueAt, '2025-03-11T23:59:59.999+03:00');
    }
  });

  it('answer per channel and 59-ФЗ flag', () => {
    expect(statutoryRules('POS', false).regime).toBe('MESSAGE');
    expect(statutoryRules('POS', true).regime).toBe('FZ59');
    expect(statutoryRules('POS', undefined).regime).toBe('MESSAGE');
    expect(statutoryRules('REGIONAL_SYSTEM', undefined).answer.code).toBe('REGIONAL.answer.10wd');
    expect(statutoryRules('SOCIAL_MEDIA', undefined).regime).toBe('INCIDENT');
  });

  it('cannot go stale: a merged policy cannot be changed in place, and a policy built by hand is read afresh', () => {
    const merged = shorter();
    expect(() => ((merged.channels.POS as { answer: unknown }).answer = { workingDays: 5 })).toThrow(TypeError);
    expect(() => ((statutoryRules('POS', false, merged) as { regime: string }).regime = 'INCIDENT')).toThrow(TypeError);
    const byHand: DeadlinePolicy = structuredClone(defaultDeadlinePolicy);
    expect(pos(byHand).decidingRule).toBe('POS.answer.10wd');
    byHand.channels.POS = { regime: 'MESSAGE', codePrefix: 'POS', basis: 'test', answer: { workingDays: 2 } };
    expect(pos(byHand).decidingRule).toBe('POS.answer.2wd');
  });
});

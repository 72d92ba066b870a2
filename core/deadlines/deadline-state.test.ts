import { describe, expect, it } from 'vitest';
import { deadlineState } from './deadline-state.js';
import { at } from './test-helpers.js';

const DAY = 86_400_000;
// 10 days allowed: 20% is 2 days.
const dueAt = at('2025-03-11T00:00:00+03:00');
const totalMs = 10 * DAY;

describe('deadlineState', () => {
  it('is AT_RISK only when less than 20% of the allowed time is left', () => {
    expect(deadlineState({ dueAt, totalMs, now: at('2025-03-08T23:59:59.999+03:00'), answeredAt: null })).toEqual({
      state: 'ON_TIME',
      remainingMs: 2 * DAY + 1,
    });
    expect(deadlineState({ dueAt, totalMs, now: at('2025-03-09T00:00:00+03:00'), answeredAt: null })).toEqual({ state: 'ON_TIME', remainingMs: 2 * DAY });
    expect(deadlineState({ dueAt, totalMs, now: at('2025-03-09T00:00:00.001+03:00'), answeredAt: null })).toEqual({
      state: 'AT_RISK',
      remainingMs: 2 * DAY - 1,
    });
    expect(deadlineState({ dueAt, totalMs, now: at('2025-03-06T00:00:00+03:00'), answeredAt: null, atRiskShare: 0.5 }).state).toBe('ON_TIME');
    expect(deadlineState({ dueAt, totalMs, now: at('2025-03-06T00:00:00.001+03:00'), answeredAt: null, atRiskShare: 0.5 }).state).toBe('AT_RISK');
  });

  it('is OVERDUE after the due instant, not at it', () => {
    expect(deadlineState({ dueAt, totalMs, now: dueAt, answeredAt: null }).state).toBe('AT_RISK');
    expect(deadlineState({ dueAt, totalMs, now: at('2025-03-11T00:00:00.001+03:00'), answeredAt: null })).toEqual({ state: 'OVERDUE', remainingMs: -1 });
  });

  it('is MET when answered by the due instant and MISSED after it, whatever now is', () => {
    const now = at('2025-04-01T00:00:00+03:00');
    expect(deadlineState({ dueAt, totalMs, now, answeredAt: dueAt })).toEqual({ state: 'MET', remainingMs: null });
    expect(deadlineState({ dueAt, totalMs, now, answeredAt: at('2025-03-11T00:00:00.001+03:00') })).toEqual({ state: 'MISSED', remainingMs: null });
  });

  it('freezes the remaining time while paused', () => {
    const pausedSince = at('2025-03-05T00:00:00+03:00');
    const later = deadlineState({ dueAt, totalMs, now: at('2025-03-20T00:00:00+03:00'), answeredAt: null, pausedSince });
    expect(later).toEqual({ state: 'ON_TIME', remainingMs: 6 * DAY });
    // An answer given during the pause is judged at the moment the clock stopped.
    expect(deadlineState({ dueAt, totalMs, now: at('2025-03-20T00:00:00+03:00'), answeredAt: at('2025-03-15T00:00:00+03:00'), pausedSince }).state).toBe('MET');
  });
});

import { describe, expect, it } from 'vitest';
import type { DeadlineDuration as PluginDeadlineDuration } from '../plugin-api/plugin-types.js';
import { computeDeadline, assertExtensionAllowed } from './deadline-engine.js';
import { DeadlineExtensionError, UnknownChannelError } from './deadline-errors.js';
import { mergeDeadlinePolicy, type DeadlineDuration } from './deadline-rules.js';
import { at, calendar, expectInstant } from './test-helpers.js';

const HOUR = 3_600_000;

describe('59-ФЗ appeals', () => {
  it('answers 30 calendar days from registration, moved off a holiday', () => {
    const r = computeDeadline({
      channel: 'WRITTEN',
      receivedAt: at('2025-11-28T15:00:00+03:00'),
      registeredAt: at('2025-12-01T11:00:00+03:00'),
      urgentRules: [],
      calendar,
    });
    expect(r.regime).toBe('FZ59');
    expect(r.decidingRule).toBe('59-FZ.answer.30d');
    expectInstant(r.dueAt, '2026-01-12T23:59:59.999+03:00'); // 31 Dec is a day off
    expectInstant(r.startsAt, '2025-12-01T11:00:00+03:00');
    expect(r.totalMs).toBe(r.dueAt.getTime() - r.startsAt.getTime());
    expect(r.rules[0].description).toMatch(/ч\. 1 ст\. 12/);
    // Registration: 3 days from receipt (ст. 8 ч. 2); redirection: 7 days from registration (ст. 8 ч. 3).
    expectInstant(r.registrationDueAt, '2025-12-01T23:59:59.999+03:00');
    expectInstant(r.redirectDueAt, '2025-12-08T23:59:59.999+03:00');
  });

  it('makes any channel a 59-ФЗ appeal when flagged, and keeps a letter under 59-ФЗ', () => {
    const pos = computeDeadline({ channel: 'POS', fz59: true, receivedAt: at('2025-03-03T10:00:00+03:00'), urgentRules: [], calendar });
    expect(pos.decidingRule).toBe('59-FZ.answer.30d');
    expectInstant(pos.dueAt, '2025-04-02T23:59:59.999+03:00'); // from receipt while not registered
    const letter = computeDeadline({ channel: 'EMAIL', fz59: false, receivedAt: at('2025-03-03T10:00:00+03:00'), urgentRules: [], calendar });
    expect(letter.regime).toBe('FZ59');
  });

  it('adds an extension to the statutory term and refuses a second one or more than 30 days', () => {
    const base = {
      channel: 'WRITTEN',
      receivedAt: at('2025-03-01T10:00:00+03:00'),
      registeredAt: at('2025-03-03T10:00:00+03:00'),
      urgentRules: [],
      calendar,
    };
    expectInstant(computeDeadline(base).dueAt, '2025-04-02T23:59:59.999+03:00');
    const extended = computeDeadline({ ...base, extensionDays: 30 });
    // 2 Apr + 30 days = 2 May 2025, a day off; then the weekend; due Monday 5 May.
    expectInstant(extended.dueAt, '2025-05-05T23:59:59.999+03:00');
    expect(extended.extended).toBe(true);
    expect(extended.rules[0]).toMatchObject({ code: '59-FZ.answer.30d', extensionDays: 30 });
    expect(() => computeDeadline({ ...base, extensionDays: 31 })).toThrow(DeadlineExtensionError);
    expect(() => computeDeadline({ ...base, extensionDays: 20, extensionCount: 2 })).toThrow(/продлевался 2/);
    expect(() => assertExtensionAllowed({ extensionsSoFar: 0, requestedDays: 30 })).not.toThrow();
    try {
      assertExtensionAllowed({ extensionsSoFar: 1, requestedDays: 10 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DeadlineExtensionError);
      expect((e as DeadlineExtensionError).reason).toBe('ALREADY_EXTENDED');
    }
  });
});

describe('messages and incidents', () => {
  it('gives a ПОС message 10 working days and pre-moderation 1 working day', () => {
    // Received Monday 3 Mar 2025; Monday 10 Mar is a working day (8 Mar went to 13 Jun).
    const r = computeDeadline({ channel: 'POS', fz59: false, receivedAt: at('2025-03-03T10:00:00+03:00'), urgentRules: [], calendar });
    expect(r.decidingRule).toBe('POS.answer.10wd');
    expectInstant(r.dueAt, '2025-03-17T23:59:59.999+03:00');
    expectInstant(r.preModerationDueAt, '2025-03-04T23:59:59.999+03:00');
    expect(r.registrationDueAt).toBeUndefined();
  });

  it('gives a social-media incident 4 hours for a first reaction and 1 working day for an answer', () => {
    const r = computeDeadline({ channel: 'SOCIAL_MEDIA', receivedAt: at('2025-06-06T18:00:00+03:00'), urgentRules: [], calendar });
    expect(r.decidingRule).toBe('INCIDENT.answer.1wd');
    expectInstant(r.firstReactionDueAt, '2025-06-06T22:00:00+03:00');
    expectInstant(r.dueAt, '2025-06-09T23:59:59.999+03:00'); // Friday evening → Monday
  });

  it('refuses a channel the policy does not know', () => {
    expect(() => computeDeadline({ channel: 'CARRIER_PIGEON', receivedAt: at('2025-03-03T10:00:00+03:00'), urgentRules: [], calendar })).toThrow(
      UnknownChannelError,
    );
  });

  it('lets the caller override the defaults, and the code follows the value', () => {
    const policy = mergeDeadlinePolicy({
      channels: { POS: { regime: 'MESSAGE', codePrefix: 'POS', basis: 'региональный регламент', answer: { workingDays: 5 } } },
    });
    const r = computeDeadline({ channel: 'POS', receivedAt: at('2025-03-03T10:00:00+03:00'), urgentRules: [], policy, calendar });
    expect(r.decidingRule).toBe('POS.answer.5wd');
    expectInstant(r.dueAt, '2025-03-10T23:59:59.999+03:00');
    expect(() => mergeDeadlinePolicy({ maxExtensionDays: -1 })).toThrow();
  });
});

describe('urgent rules and pauses', () => {
  const urgent = { code: 'housing.no-heating.24h', description: 'Нет отопления зимой: 24 часа', answerWithin: { hours: 24 } };

  it('lets an urgent hours rule beat the statutory one, keeping both explained', () => {
    const r = computeDeadline({ channel: 'POS', receivedAt: at('2025-01-17T10:00:00+03:00'), urgentRules: [urgent], calendar });
    expect(r.decidingRule).toBe('housing.no-heating.24h');
    expectInstant(r.dueAt, '2025-01-18T10:00:00+03:00'); // hours run over Saturday
    expect(r.totalMs).toBe(24 * HOUR);
    expect(r.rules.map((x) => x.code)).toEqual(['POS.answer.10wd', 'housing.no-heating.24h']);
    expectInstant(r.rules[0].dueAt, '2025-01-31T23:59:59.999+03:00');
  });

  it('keeps the statutory rule when the urgent one is longer', () => {
    const slow = { code: 'roads.pothole.20wd', description: 'Яма: 20 рабочих дней', answerWithin: { workingDays: 20 } };
    const r = computeDeadline({ channel: 'POS', receivedAt: at('2025-01-17T10:00:00+03:00'), urgentRules: [slow], calendar });
    expect(r.decidingRule).toBe('POS.answer.10wd');
  });

  it('extends the deadline by exactly the paused time and keeps the allowed time', () => {
    const input = { channel: 'POS', receivedAt: at('2025-03-03T10:00:00+03:00'), urgentRules: [], calendar };
    const plain = computeDeadline(input);
    const paused = computeDeadline({ ...input, pausedMs: 53 * HOUR });
    expectInstant(paused.dueAt, '2025-03-20T04:59:59.999+03:00');
    expect(paused.dueAt.getTime() - plain.dueAt.getTime()).toBe(53 * HOUR);
    expect(paused.totalMs).toBe(plain.totalMs);
    expect(() => computeDeadline({ ...input, pausedMs: -1 })).toThrow(/pausedMs/);
  });
});

it('declares the same DeadlineDuration shape as the plugin contract', () => {
  const ours: DeadlineDuration = { workingDays: 1 };
  const theirs: PluginDeadlineDuration = ours; // fails to type-check if the shapes drift
  const back: DeadlineDuration = theirs;
  expect(back).toEqual({ workingDays: 1 });
});

import { describe, expect, it } from 'vitest';
import { errorCode } from '../errors/errors.js';
import { FUTURE_TOLERANCE_MS, MAX_TEXT_LENGTH, validateIntake } from './validate-intake.js';
import { NOW } from './intake-test-helpers.js';
import type { AppealIntake } from './intake-types.js';

const intake = (extra: Partial<AppealIntake> = {}): AppealIntake => ({
  channel: 'POS',
  text: 'Течёт труба',
  receivedAt: '2026-03-04T08:00:00+03:00',
  ...extra,
});

/** The field a refusal names (BAD_USER_INPUT), or a failure when nothing was refused. */
function refusedField(input: AppealIntake): unknown {
  try {
    validateIntake(input, NOW);
  } catch (error) {
    expect(errorCode(error)).toBe('BAD_USER_INPUT');
    return (error as { extensions: { field: unknown } }).extensions.field;
  }
  throw new Error('not refused');
}

describe('validateIntake (step 1: the form)', () => {
  it('trims text, turns blanks into null and reads receivedAt as an instant', () => {
    const v = validateIntake(intake({ text: '  Течёт труба ', summary: '   ', author: { name: ' Иван ', email: '' }, externalId: ' x-1 ' }), NOW);
    expect(v.text).toBe('Течёт труба');
    expect(v.summary).toBeNull();
    expect(v.author).toEqual({ name: 'Иван', email: null });
    expect(v.externalId).toBe('x-1');
    expect(v.receivedAt).toEqual(new Date('2026-03-04T05:00:00Z'));
  });

  it('names the field at fault', () => {
    expect(refusedField(intake({ channel: 'PIGEON' }))).toBe('channel');
    expect(refusedField(intake({ text: '   ' }))).toBe('text');
    expect(refusedField(intake({ text: 'я'.repeat(MAX_TEXT_LENGTH + 1) }))).toBe('text');
    expect(refusedField(intake({ author: { email: 'not-an-address' } }))).toBe('author.email');
    expect(refusedField(intake({ author: { phone: 'звоните' } }))).toBe('author.phone');
    expect(refusedField(intake({ location: { latitude: 91, longitude: 0 } }))).toBe('location.latitude');
    expect(refusedField(intake({ receivedAt: '2026-03-04 08:00' }))).toBe('receivedAt');
    expect(refusedField(intake({ externalId: '  ' }))).toBe('externalId');
  });

  it('refuses text PostgreSQL cannot store anywhere in the input, the raw record included', () => {
    expect(refusedField(intake({ text: 'a\u0000b' }))).toBe('text');
    expect(refusedField(intake({ raw: { nested: ['ok', 'bad\u0000'] } }))).toBe('raw.nested.1');
  });

  it('accepts a receipt slightly ahead of the clock and refuses one in the future', () => {
    const ahead = (ms: number) => intake({ receivedAt: new Date(NOW.getTime() + ms) });
    expect(validateIntake(ahead(FUTURE_TOLERANCE_MS), NOW).receivedAt.getTime()).toBe(NOW.getTime() + FUTURE_TOLERANCE_MS);
    expect(refusedField(ahead(FUTURE_TOLERANCE_MS + 1))).toBe('receivedAt');
  });
});

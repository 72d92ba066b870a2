import { describe, expect, it } from 'vitest';
import { DateTimeResolver } from 'graphql-scalars';
import { Kind } from 'graphql';
import { DateTime } from './date-time.scalar.js';

describe('the DateTime scalar', () => {
  it('answers with the ISO text (no Date left in a result for JSON.stringify to convert)', () => {
    const moment = new Date('2026-05-01T10:00:00.123Z');
    expect(DateTime.serialize(moment)).toBe('2026-05-01T10:00:00.123Z');
    expect(DateTime.serialize('2026-05-01T13:00:00+03:00')).toBe('2026-05-01T10:00:00.000Z');
    expect(DateTime.serialize(moment)).toBe(JSON.parse(JSON.stringify(DateTimeResolver.serialize(moment))));
  });

  it('keeps the name and the input rules of graphql-scalars, with a description in Russian', () => {
    expect(DateTime.name).toBe('DateTime');
    // Every element of the public schema is described in Russian (schema/schema-descriptions.test.ts).
    expect(DateTime.description).toMatch(/^Момент времени: ISO 8601/);
    expect(DateTime.parseValue('2026-05-01T10:00:00Z')).toEqual(new Date('2026-05-01T10:00:00Z'));
    expect(() => DateTime.parseValue('not a date')).toThrow();
    expect(() => DateTime.parseLiteral({ kind: Kind.STRING, value: '2026-13-01T00:00:00Z' }, {})).toThrow();
    expect(() => DateTime.serialize(new Date(Number.NaN))).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { plainIntake } from './plain-intake.js';
import { intakeSchema, MAX_TEXT_LENGTH, PLAIN_LIMITS as limits } from './validate-intake.js';

const base = { channel: 'POS', text: ' Течёт труба ', receivedAt: '2026-03-04T08:00:00+03:00' };
const nullProto = (o: Record<string, unknown>) => Object.assign(Object.create(null) as object, o);
/** As GraphQL hands an import row over: an instance of the input class, its fields not given present as undefined. */
class RowInput {
  channel: unknown = 'EMAIL';
  externalId: unknown = undefined;
  text: unknown = 'Нет горячей воды';
  receivedAt: unknown = new Date('2026-03-04T05:00:00Z');
  author: unknown = Object.assign(new (class AuthorInput {})(), { name: 'Автор', phone: ' +79120000001 ', email: undefined });
  location: unknown = undefined;
  officialPageComment: unknown = undefined;
  get summary(): unknown {
    return ' Суть ';
  }
}

/** Intakes the fast path takes: it must give exactly what the schema gives (keys, order, undefined kept, trimmed, blanks null). */
const plain: object[] = [
  base,
  { ...base, receivedAt: new Date('2026-03-04T05:00:00Z') },
  { ...base, receivedAt: '2024-02-29T23:59:59.123456Z' },
  { raw: { a: [1, '\u00e9'] }, ...base, externalId: ' x-1 ', fz59: true, category: ' housing.heating ', summary: '   ', details: { floor: 3 } },
  { ...base, externalId: null, fz59: null, summary: null, author: null, address: undefined, location: null, sector: '', sourceStatus: ' new ' },
  { ...base, author: { name: ' Иван ', email: ' a@b.ru ', phone: '+7 (912) 000-00-01', address: '', notifyConsent: true } },
  { ...base, author: { email: '', phone: null, notifyConsent: undefined }, officialPageComment: true, unknownKey: 1 },
  { ...base, municipalityId: 'm', organizationId: ' o ', complaintAgainstOrganizationId: null, details: undefined, raw: null },
  new RowInput(),
  nullProto({ ...base, author: nullProto({ name: 'Автор 1', email: 'author1@example.ru', phone: '+79120000001' }), address: 'г. Йошкар-Ола' }),
];

/** Intakes it leaves to the schema (invalid, or of a kind it does not check itself). */
const leftToSchema: unknown[] = [
  null,
  [],
  'text',
  new (class Intake {})(),
  { ...base, channel: 'FAX' },
  { ...base, text: '   ' },
  { ...base, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) },
  { ...base, externalId: '  ' },
  { ...base, externalId: 'x'.repeat(201) },
  { ...base, externalId: 5 },
  { ...base, receivedAt: '2026-03-04T08:00:00' },
  { ...base, receivedAt: '2025-02-29T08:00:00Z' },
  { ...base, receivedAt: new Date(NaN) },
  { ...base, receivedAt: 1_700_000_000_000 },
  { ...base, fz59: 'yes' },
  { ...base, summary: 'x'.repeat(2001) },
  { ...base, author: 'Иван' },
  { ...base, author: { email: 'not-an-email' } },
  { ...base, author: { email: `${'a'.repeat(250)}@b.ru` } },
  { ...base, author: { phone: 'call me' } },
  { ...base, author: { notifyConsent: 'yes' } },
  { ...base, location: { latitude: 56.6, longitude: 47.9 } },
  { ...base, category: 7 },
  { ...base, sourceStatus: 'x'.repeat(201) },
];

describe('plainIntake (the intake schema without zod, for plain valid rows)', () => {
  it('gives exactly what the schema gives', () => {
    for (const input of plain) {
      const parsed = intakeSchema.safeParse(input);
      expect(parsed.success).toBe(true);
      const fast = plainIntake(input, limits);
      expect(fast).not.toBeNull();
      expect(fast).toStrictEqual(parsed.data);
      expect(Object.keys(fast!)).toEqual(Object.keys(parsed.data!));
      if (parsed.data!.author) expect(Object.keys(fast!.author as object)).toEqual(Object.keys(parsed.data!.author));
    }
  });

  it('leaves anything else to the schema', () => {
    for (const input of leftToSchema) expect(plainIntake(input, limits), JSON.stringify(input)).toBeNull();
  });
});

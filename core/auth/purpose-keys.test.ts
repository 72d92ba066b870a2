import { describe, expect, it } from 'vitest';
import { derivePurposeKey, PurposeTokens } from './purpose-keys.js';

const ROOT = 'one-configured-secret-of-the-deployment';

describe('purpose keys (HKDF from the one secret)', () => {
  it('derives a stable key per purpose, different from the secret and from every other purpose', () => {
    const rating = derivePurposeKey(ROOT, 'rating-link').export();
    expect(derivePurposeKey(ROOT, 'rating-link').export().equals(rating)).toBe(true);
    expect(derivePurposeKey(ROOT, 'survey-link').export().equals(rating)).toBe(false);
    expect(derivePurposeKey(ROOT, 'report-download').export().equals(rating)).toBe(false);
    expect(derivePurposeKey('another-secret-of-a-deployment', 'rating-link').export().equals(rating)).toBe(false);
    expect(rating.equals(Buffer.from(ROOT))).toBe(false);
    expect(rating).toHaveLength(32);
  });

  it('accepts a token only for its own purpose and secret, before it expires', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const later = new Date('2026-03-02T00:00:00Z');
    const rating = new PurposeTokens<{ ans: number }>({ rootSecret: ROOT, issuer: 'cur-api' }, 'rating-link');
    const survey = new PurposeTokens<{ ans: number }>({ rootSecret: ROOT, issuer: 'cur-api' }, 'survey-link');
    const foreign = new PurposeTokens<{ ans: number }>({ rootSecret: 'another-secret-of-a-deployment', issuer: 'cur-api' }, 'rating-link');
    const token = rating.sign({ sub: 'a', ans: 1 }, now, later);
    expect(rating.verify(token, now)).toMatchObject({ sub: 'a', ans: 1, aud: 'cur-rating-link' });
    expect(survey.verify(token, now)).toBeNull();
    expect(foreign.verify(token, now)).toBeNull();
    expect(rating.verify(token, later)).toBeNull();
    expect(rating.verify('garbage', now)).toBeNull();
  });
});

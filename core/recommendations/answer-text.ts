import { maskName } from '../auth/personal-data.js';

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}/g;
const FLAT = /(кв\.?|квартира)\s*№?\s*\d+/gi;

/**
 * An answer text with the personal data removed, for examples shown to other
 * bodies (best practices): the author's name and its parts (core/auth/personal-data.ts
 * masking), e-mail addresses, phone numbers and flat numbers.
 *
 * Free-text masking is being added on another branch as
 * core/auth/personal-data-text.ts; when it lands, this one function should
 * call it instead of the patterns here (the callers stay as they are).
 */
export function withoutPersonalData(text: string, authorName: string | null): string {
  let out = text.replace(EMAIL, '[адрес эл. почты]').replace(PHONE, '[телефон]').replace(FLAT, 'кв. [номер]');
  const masked = maskName(authorName);
  if (authorName && masked) {
    out = out.split(authorName.trim()).join(masked);
    for (const part of authorName
      .trim()
      .split(/\s+/)
      .filter((p) => p.length >= 3)) {
      // The stem takes the case endings: Иванова, Ивановой, Иванову.
      const stem = part.length >= 5 ? part.slice(0, -1) : part;
      out = out.replace(new RegExp(`(?<![\\p{L}])${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\p{L}]{0,3}(?![\\p{L}])`, 'gu'), `${part[0]}.`);
    }
  }
  return out;
}

import { canSeePersonalData } from '../auth/personal-data.js';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * Free-text answers as the caller may read them. Residents write their
 * names, phones and addresses into free text; roles without access to
 * personal data (152-ФЗ art. 5 part 5: analysts, observers) get them masked.
 * The role check is the one of core/auth/personal-data.ts; the masking
 * itself is this one function, a stopgap until the shared free-text masker
 * (core/auth/personal-data-text.ts) lands: then this calls it.
 */
export function surveyTextFor(user: AuthUser | null, text: string): string {
  return canSeePersonalData(user) ? text : maskPersonalText(text);
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Phones and other long digit runs (passport, SNILS, card numbers): 5+ digits with separators. */
const DIGITS = /\+?\d(?:[\s().-]*\d){4,}/g;
/** A capitalised Russian full name: Фамилия Имя Отчество (the patronymic gives it away). */
const FULL_NAME = /(?<!\p{L})[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|чна)(?!\p{L})/gu;
/** An address after its marker word: "ул. Ленина, д. 5, кв. 12". */
const ADDRESS = /(?<!\p{L})(ул\.|улица|пр\.|проспект|пер\.|переулок|д\.|дом|кв\.|квартира)\s*[\p{L}\p{N}-]+/giu;

export function maskPersonalText(text: string): string {
  return text.replace(EMAIL, '[e-mail скрыт]').replace(DIGITS, '[номер скрыт]').replace(FULL_NAME, '[ФИО скрыто]').replace(ADDRESS, '$1 [скрыто]');
}

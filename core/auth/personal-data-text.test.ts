import { describe, expect, it } from 'vitest';
import { maskPersonalText, personalTextKinds } from './personal-data-text.js';

/** [text, what must be gone from it, kind found]. */
const POSITIVE: [string, string, string][] = [
  ['Звоните: +7 902 000-11-22, вечером', '000-11-22', 'phone'],
  ['мой номер +79020001122', '9020001122', 'phone'],
  ['телефон 8 (902) 000-11-22', '000-11-22', 'phone'],
  ['8-902-000-11-22 — это я', '000-11-22', 'phone'],
  ['89020001122', '9020001122', 'phone'],
  ['+7 (8362) 45-67-89 приёмная', '45-67-89', 'phone'],
  ['8(8362)456789', '456789', 'phone'],
  ['тел. 45-67-89', '45-67-89', 'phone'],
  ['Тел: 456789', '456789', 'phone'],
  ['пишите на anna.smirnova@mail.test', 'anna.smirnova@mail.test', 'email'],
  ['e-mail: Иванов_1975@почта.рф', 'Иванов_1975@почта.рф', 'email'],
  ['СНИЛС 112-233-445 95', '112-233-445', 'snils'],
  ['снилс: 11223344595', '11223344595', 'snils'],
  ['мой 112-233-445-95', '112-233-445', 'snils'],
  ['паспорт 88 05 123456', '123456', 'passport'],
  ['паспорт серии 8805 № 123456', '123456', 'passport'],
  ['данные: 88 05 123456 выдан', '123456', 'passport'],
  ['ул. Ленина, д. 5, кв. 12', 'кв. 12', 'flat'],
  ['Ленина 5 кв.12а, подъезд 2', 'кв.12а', 'flat'],
  ['в квартире 7 нет отопления', 'квартире 7', 'flat'],
  ['квартира № 14', '14', 'flat'],
  ['Пишет Иванов Пётр Сергеевич, жалуется', 'Иванов Пётр Сергеевич', 'name'],
  ['прошу передать Смирновой Анне Ивановне', 'Смирновой Анне Ивановне', 'name'],
  ['от Кузьмина Ильи Никитича', 'Кузьмина Ильи Никитича', 'name'],
  ['Петрова Мария Ильинична, пенсионерка', 'Петрова Мария Ильинична', 'name'],
];

const NEGATIVE = [
  'В 2024 году двор не убирали',
  'ул. Ленина, д. 5',
  'обращение 12-2026-0001234 не рассмотрено',
  'переплатил 1500 руб за отопление',
  'счёт на 1 500 000 руб.',
  'с 8 марта не вывозят мусор, 15.03.2026 снова',
  'в квартале 5 нет света',
  'площадь 50 кв. м',
  'ИНН управляющей компании 1215012345',
  'дом 12, корпус 3, подъезд 4, этаж 9',
  'яма 2 на 3 метра, км 12+300',
  'Отель «Ока», 200 мест',
  'в 8 часов утра 3 дня подряд',
  'на улице Карла Маркса нет света',
  'Республика Марий Эл, Медведевский район',
  'Иванов сказал, что Пётр Сергеевич придёт',
];

describe('personal data in free text', () => {
  it.each(POSITIVE)('masks «%s»', (text, secret, kind) => {
    const masked = maskPersonalText(text);
    expect(masked).not.toContain(secret);
    expect(personalTextKinds(text)).toContain(kind);
    expect(masked).toMatch(/скрыт|\*\*\*/);
  });

  it.each(NEGATIVE)('leaves «%s» as it is', (text) => {
    expect(maskPersonalText(text)).toBe(text);
    expect(personalTextKinds(text)).toEqual([]);
  });

  it('keeps the rest of the text and says what was hidden', () => {
    expect(maskPersonalText('Яма у дома 5 по ул. Ленина, кв. 12, звоните +7 902 000-11-22 или a@b.ru')).toBe(
      'Яма у дома 5 по ул. Ленина, кв. ***, звоните [телефон скрыт] или [e-mail скрыт]',
    );
    expect(maskPersonalText(null)).toBeNull();
  });

  it('runs in linear time on long hostile input (no catastrophic backtracking)', () => {
    const hostile = `${'8 '.repeat(20_000)}x ${'кв '.repeat(20_000)} ${'a.'.repeat(20_000)}@`;
    const masked = maskPersonalText(hostile);
    expect(masked.length).toBeGreaterThan(0);
  });
});

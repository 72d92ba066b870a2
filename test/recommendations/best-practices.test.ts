import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { fails, ok } from '../lifecycle/lifecycle-helpers.js';
import { insertAppeals, type FxInput } from './fixture.js';
import { withoutPersonalData } from '../../core/recommendations/answer-text.js';

/**
 * Best practices on known figures (BEST_PRACTICE_MIN_APPEALS = 10), category
 * roads.potholes, all in Yoshkar-Ola, March 2026:
 * - gku-roads: 10 appeals answered in 2 h, on time, rated 5;
 * - adm-yoshkar-ola: 10 appeals answered in 98 h, 5 on time, rated 3.
 * Category: mean 50 h, on time 15 of 20 (0.75), mean score 4.0.
 * gku-roads stands out by SPEED (2 ≤ 0.5 × 50; 25 times faster), ON_TIME
 * (1.0 ≥ 0.9 and ≥ 0.75 + 0.1; 1/0.75) and SATISFACTION (5 ≥ 4.0 + 0.5; 1.25).
 * The municipality is the whole category: it does not stand out.
 */
const clock = new ManualClock('2026-04-15T12:00:00+03:00');
let t: TestApp;
let token: string;
const PERIOD = { from: '2026-03-01T00:00:00+03:00', to: '2026-04-01T00:00:00+03:00' };
const QUERY = `query($from: DateTime!, $to: DateTime!, $sector: String) { bestPractices(from: $from, to: $to, sector: $sector) {
  organization { code } municipality { code } category { code } measure reason figures advantage exampleAnswers } }`;

beforeAll(async () => {
  t = await startTestApp({ clock, env: { BEST_PRACTICE_MIN_APPEALS: '10' } });
  token = (await t.user(Role.ANALYST)).token;
  const items: FxInput[] = [];
  for (let i = 0; i < 10; i++) {
    items.push({
      org: 'gku-roads',
      category: 'roads.potholes',
      receivedAt: `2026-03-${String(i + 2).padStart(2, '0')}T10:00:00+03:00`,
      answerHours: 2,
      dueHours: 240,
      score: 5,
      authorName: 'Петров Пётр Иванович',
      answerText: `Уважаемый Петров Пётр! Яма у дома 5, кв. 12 заделана. Вопросы: +7 (836) 245-67-89, roads@example.ru. № ${i}`,
    });
    items.push({
      org: 'adm-yoshkar-ola',
      category: 'roads.potholes',
      receivedAt: `2026-03-${String(i + 2).padStart(2, '0')}T11:00:00+03:00`,
      answerHours: 98,
      dueHours: i < 5 ? 240 : 48,
      score: 3,
      answerText: 'Рассмотрено',
    });
  }
  await insertAppeals(t, items);
});
afterAll(() => t?.stop());

describe('bestPractices', () => {
  it('finds the body that stands out in a category by each measure, with its figures', async () => {
    const rows = (await ok(t, QUERY, PERIOD, token)).filter((r: any) => r.category?.code === 'roads.potholes');
    expect(rows.map((r: any) => [r.organization?.code ?? null, r.municipality?.code ?? null, r.measure])).toEqual([
      ['gku-roads', null, 'SPEED'],
      ['gku-roads', null, 'ON_TIME'],
      ['gku-roads', null, 'SATISFACTION'],
    ]);
    const [speed, onTime, satisfaction] = rows;
    expect(speed.advantage).toBeCloseTo(25, 9);
    expect(speed.figures).toMatchObject({
      appeals: 10,
      answered: 10,
      avgAnswerHours: 2,
      compared: { appeals: 20, avgAnswerHours: 50, onTimeShare: 0.75, avgScore: 4 },
    });
    expect(onTime.advantage).toBeCloseTo(1 / 0.75, 9);
    expect(satisfaction.advantage).toBeCloseTo(1.25, 9);
    expect(speed.reason).toContain('2 ч против 50 ч');
  });

  it('shows accepted answers rated 4–5 without personal data', async () => {
    const all = await ok(t, QUERY, PERIOD, token);
    // Each practice finds its examples by its own key: in a category, over all of a body's categories.
    expect(all.some((r: any) => r.category === null && r.organization?.code === 'gku-roads')).toBe(true);
    for (const r of all.filter((x: any) => x.organization?.code === 'gku-roads')) expect(r.exampleAnswers).toHaveLength(3);
    const [row] = all;
    expect(row.exampleAnswers).toHaveLength(3);
    for (const text of row.exampleAnswers) {
      expect(text).not.toMatch(/Петров|Пётр|245-67-89|roads@example\.ru|кв\. 12/);
      expect(text).toContain('[телефон]');
    }
  });

  it('needs enough appeals to count, narrows by sector and refuses unknown ones', async () => {
    const other = await ok(t, QUERY, { ...PERIOD, sector: 'health' }, token);
    expect(other.filter((r: any) => r.category?.code === 'roads.potholes')).toEqual([]);
    const error = await fails(t, QUERY, { ...PERIOD, sector: 'nope' }, token);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sector' });
  });
});

describe('withoutPersonalData', () => {
  it('masks the author name and its forms, phones, e-mail and flat numbers', () => {
    expect(
      withoutPersonalData(
        'Уважаемая Иванова Мария Петровна! Ответ Ивановой М. П. направлен на ivanova@mail.ru, тел. 8 917 123-45-67, кв. 3',
        'Иванова Мария Петровна',
      ),
    ).toBe('Уважаемая И*** М. П.! Ответ И. М. П. направлен на [адрес эл. почты], тел. [телефон], кв. [номер]');
  });
});

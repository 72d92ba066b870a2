/**
 * The monthly report's "what residents said" section: the surveys that got
 * responses in the month, in the caller's scope, with the leading option's
 * share and Wilson interval (recomputed here) or the scale's mean, in the
 * GraphQL report and in its HTML, XLSX and PDF files alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildMonthlyReport } from '../../core/monthly-report/report.service.js';
import { renderReportPdf } from '../../core/monthly-report/render-pdf.js';
import { surveySectionRows } from '../../core/surveys/survey-report-section.js';
import { SURVEY_SECTION_TITLE } from '../../core/surveys/survey-report-section.js';
import { IMPORT, must, openSurvey, questionnaire } from './survey-helpers.js';

let t: TestApp;
let head: string;
let headId: string;
const TITLE = 'Уборка дворов: весенний опрос';
// May: 7 «yes», 3 «no», 2 «unsure» of 12; scores 1..5 cycling; June: 4 more «no».
const MAY = Array.from({ length: 12 }, (_, i) => ({
  choice: i < 7 ? 'yes' : i < 10 ? 'no' : 'unsure',
  score: 1 + (i % 5),
  at: `2026-05-${String(10 + i).padStart(2, '0')}T12:00:00+03:00`,
}));
const JUNE = Array.from({ length: 4 }, (_, i) => ({ choice: 'no', score: 5, at: `2026-06-0${1 + i}T12:00:00+03:00` }));

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-06-10T12:00:00+03:00') });
  ({ id: headId, token: head } = await t.user(Role.CENTER_HEAD));
  const specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  const survey = await openSurvey(t, specialist, { ...questionnaire(TITLE), audience: { sectors: ['housing'] } });
  const rows = [...MAY, ...JUNE].map((r, i) => ({
    rowKey: `k${i}`,
    submittedAt: r.at,
    answers: [
      { questionCode: 'satisfied', optionCodes: [r.choice] },
      { questionCode: 'score', value: r.score },
    ],
  }));
  expect((await must(t, IMPORT, { id: survey.id, rows }, specialist)).importSurveyResponses.created).toBe(16);
  // A survey without responses in May is not in May's report.
  await openSurvey(t, specialist, questionnaire('Опрос без ответов'));
});
afterAll(() => t?.stop());

const SECTION =
  'query($m: String!) { monthlyReport(month: $m) { residentsSaid { survey status problem responsesInMonth responses question answered leadingOption share shareLow shareHigh mean meanLow meanHigh scale } } }';
const fetchReport = (path: string) => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${head}` } });

/** The Wilson score interval, written out again. */
function wilson(x: number, n: number) {
  const z = 1.959963984540054;
  const p = x / n;
  const center = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [center - half, center + half];
}

describe('the monthly report: what residents said', () => {
  it("lists the month's surveys with the leading answer, its share and interval, and the scale mean", async () => {
    const section = (await must(t, SECTION, { m: '2026-05' }, head)).monthlyReport.residentsSaid;
    // The choice and the scale question: the optional choice nobody answered is left out, free text always.
    expect(section.map((f: any) => f.question)).toEqual(['Довольны ли вы уборкой двора?', 'Оцените от 1 до 5']);
    const [choice, scale] = section;
    expect(choice).toMatchObject({ survey: TITLE, status: 'идёт', problem: null, responsesInMonth: 12, responses: 16, answered: 16, leadingOption: 'Да' });
    // Results are the survey's as of now (16 responses: 7 «yes», 7 «no» — «yes» comes first in the questionnaire).
    expect(choice.share).toBeCloseTo(7 / 16, 12);
    const [low, high] = wilson(7, 16);
    expect(choice.shareLow).toBeCloseTo(low, 12);
    expect(choice.shareHigh).toBeCloseTo(high, 12);
    const scores = [...MAY, ...JUNE].map((r) => r.score);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(scale).toMatchObject({ scale: '1–5', leadingOption: null, answered: 16 });
    expect(scale.mean).toBeCloseTo(mean, 12);
    expect(scale.meanLow).toBeLessThan(mean);
    expect((await must(t, SECTION, { m: '2026-04' }, head)).monthlyReport.residentsSaid).toEqual([]);
  });

  it("keeps the survey scope: another sector's lead does not see a housing survey, the housing lead does", async () => {
    const transport = (await t.user(Role.SECTOR_LEAD, { sectors: ['transport'] })).token;
    const housing = (await t.user(Role.SECTOR_LEAD, { sectors: ['housing'] })).token;
    expect((await must(t, SECTION, { m: '2026-05' }, transport)).monthlyReport.residentsSaid).toEqual([]);
    expect((await must(t, SECTION, { m: '2026-05' }, housing)).monthlyReport.residentsSaid).toHaveLength(2);
  });

  it('is in the HTML, the XLSX (numbers) and the PDF of the report', async () => {
    const html = await (await fetchReport('/reports/monthly/2026-05.html')).text();
    const at = html.indexOf(SURVEY_SECTION_TITLE);
    expect(at).toBeGreaterThan(0);
    expect(html.slice(at)).toContain(TITLE);
    expect(html.slice(at)).toMatch(/Да — 43,8\s?%/);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await (await fetchReport('/reports/monthly/2026-05.xlsx')).arrayBuffer()) as never);
    const sheet = book.getWorksheet('Что сказали жители')!;
    const rows = sheet
      .getSheetValues()
      .slice(2)
      .map((row) => (row as unknown[]).slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[0].slice(0, 8)).toEqual([TITLE, 'идёт', undefined, 12, 16, 'Довольны ли вы уборкой двора?', 16, 'Да']);
    expect(rows[0][8]).toBeCloseTo(7 / 16, 12);
    expect(sheet.getCell('I2').numFmt).toBe('0.0%');

    const pdf = await fetchReport('/reports/monthly/2026-05.pdf');
    expect(pdf.status).toBe(200);
    // The PDF's text is drawn in embedded glyphs: the section shows as what it adds to the same report without it.
    const report = await buildMonthlyReport(
      {
        em: t.running.app.orm.em.fork() as EntityManager,
        app: t.running.app,
        user: { id: headId, role: Role.CENTER_HEAD, organizationId: null, sectors: [] },
        now: t.running.app.clock.now(),
      },
      '2026-05',
    );
    expect(report.residentsSaid).toHaveLength(2);
    // Uncompressed, every piece of text drawn is a TJ operator in the page streams. The section's title and
    // headers are drawn either way (an empty section says so); each non-empty cell of its rows adds one or more.
    const drawn = async (shown: typeof report) =>
      ((await renderReportPdf(shown, 'Europe/Moscow', 'ЦУР', { compress: false })).toString('latin1').match(/\] TJ/g) ?? []).length;
    const cells = surveySectionRows(report.residentsSaid)
      .flat()
      .filter((cell) => String(cell ?? '').trim() !== '').length;
    expect(cells).toBeGreaterThanOrEqual(6);
    expect((await drawn(report)) - (await drawn({ ...report, residentsSaid: [] }))).toBeGreaterThanOrEqual(cells);
  });
});

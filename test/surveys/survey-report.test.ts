import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { CREATE, IMPORT, must, openSurvey, questionnaire } from './survey-helpers.js';

let t: TestApp;
let specialist: string;
let analyst: string;
let surveyId: string;

beforeAll(async () => {
  t = await startTestApp();
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  analyst = (await t.user(Role.ANALYST)).token;
  surveyId = (await openSurvey(t, specialist)).id;
  const rows = ['yes', 'yes', 'no'].map((choice, i) => ({
    rowKey: `r${i}`,
    answers: [
      { questionCode: 'satisfied', optionCodes: [choice] },
      { questionCode: 'score', value: 3 + i },
      { questionCode: 'comment', text: `Звоните мне: 8 917 000 00 0${i}` },
    ],
  }));
  await must(t, IMPORT, { id: surveyId, rows }, specialist);
});
afterAll(() => t?.stop());

const get = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('GET /reports/surveys/{id}.xlsx and .pdf', () => {
  it('gives the results as a spreadsheet with numbers, texts masked for the analyst', async () => {
    const response = await get(`/reports/surveys/${surveyId}.xlsx`, analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const figures = book.getWorksheet('Итоги')!;
    const rows = figures
      .getSheetValues()
      .slice(2)
      .map((row) => (row as unknown[]).slice(1));
    const yes = rows.find((r) => r[0] === 'satisfied' && r[2] === 'yes')!;
    expect(yes[4]).toBe(2);
    expect(yes[5]).toBeCloseTo(2 / 3, 10);
    const mean = rows.find((r) => r[0] === 'score' && r[2] === 'mean')!;
    expect(mean[5]).toBeCloseTo(4, 10);
    const texts = book
      .getWorksheet('Свободные ответы')!
      .getSheetValues()
      .slice(2)
      .map((row) => String((row as unknown[])[2]));
    expect(texts).toHaveLength(3);
    expect(texts.every((text) => !/917/.test(text))).toBe(true);
  });

  it('gives a PDF', async () => {
    const response = await get(`/reports/surveys/${surveyId}.pdf?weighted=1`, specialist);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(2000);
  });

  it('keeps the access of the query: no token 401, an operator 403, another sector 404', async () => {
    expect((await get(`/reports/surveys/${surveyId}.xlsx`)).status).toBe(401);
    const operator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' })).token;
    expect((await get(`/reports/surveys/${surveyId}.xlsx`, operator)).status).toBe(403);
    const roads = (await must(t, CREATE, { input: { ...questionnaire(), audience: { sectors: ['roads'] } } }, specialist)).createSurvey;
    const housing = (await t.user(Role.SECTOR_LEAD, { sectors: ['housing'] })).token;
    expect((await get(`/reports/surveys/${roads.id}.pdf`, housing)).status).toBe(404);
    expect((await get('/reports/surveys/not-an-id.pdf', analyst)).status).toBe(404);
  });
});

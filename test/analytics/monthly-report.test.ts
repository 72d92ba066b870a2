import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { loadFixture, NOW, type Fixture } from './fixture.js';
import { groupBy, inPeriod, metrics, moscowDay } from './recompute.js';

let t: TestApp;
let fx: Fixture;
let head: string;
const MAY = [new Date('2026-05-01T00:00:00+03:00'), new Date('2026-06-01T00:00:00+03:00')] as const;
const APRIL = [new Date('2026-04-01T00:00:00+03:00'), MAY[0]] as const;
const MAY_2025 = [new Date('2025-05-01T00:00:00+03:00'), new Date('2025-06-01T00:00:00+03:00')] as const;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  fx = await loadFixture(t);
  ({ token: head } = await t.user(Role.CENTER_HEAD));
});
afterAll(() => t?.stop());

const REPORT = `query M($month: String!) { monthlyReport(month: $month) {
  month title monthLabel previousMonthLabel yearAgoLabel partial
  summary { code label unit value previousMonth yearAgo changeFromPreviousMonth percentFromPreviousMonth changeFromYearAgo }
  dailyFlow { day received resolved } peakDays { day received }
  topCategories { key label count previousMonth share } byMunicipality { key label count perTenThousand }
  byChannel { key label count } topOrganizations { key label count overdue }
  hotSpots { category address count organization }
  organizationRatings { rank name score } municipalityRatings { rank name score }
  overdue { organization count appeals { number daysOverdue } }
  conflicts { kind label count } problems { title statusLabel }
  workload { name open specialistsNeeded proposal } kpis { code value }
} }`;

const fetchReport = (path: string, token?: string) =>
  fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('monthly report', () => {
  it('holds the sections of DOMAIN.md with the comparison to the previous month and to the same month a year before', async () => {
    const r = await t.gql(REPORT, { month: '2026-05' }, head);
    expect(r.errors).toBeUndefined();
    const report = r.data.monthlyReport;
    expect(report).toMatchObject({ month: '2026-05', monthLabel: 'май 2026', previousMonthLabel: 'апрель 2026', yearAgoLabel: 'май 2025', partial: false });
    const may = metrics(fx.appeals.filter(inPeriod(...MAY)));
    const april = metrics(fx.appeals.filter(inPeriod(...APRIL)));
    const ago = metrics(fx.appeals.filter(inPeriod(...MAY_2025)));
    const summary = (code: string) => report.summary.find((m: any) => m.code === code);
    expect(summary('count')).toMatchObject({ value: may.count, previousMonth: april.count, yearAgo: ago.count, changeFromPreviousMonth: may.count - april.count });
    expect(summary('count').percentFromPreviousMonth).toBeCloseTo(((may.count - april.count) / april.count) * 100, 6);
    for (const code of ['onTimeRate', 'medianResponseHours', 'satisfactionAvg', 'repeatRate', 'redirectRate'] as const) {
      expect(summary(code).value, code).toBeCloseTo(may[code]!, 6);
      expect(summary(code).previousMonth, code).toBeCloseTo(april[code]!, 6);
    }

    expect(report.dailyFlow).toHaveLength(31);
    const byDay = groupBy(fx.appeals.filter(inPeriod(...MAY)), (a) => moscowDay(a.receivedAt));
    for (const d of report.dailyFlow) expect(d.received, d.day).toBe(byDay.get(d.day)?.length ?? 0);
    const resolved = fx.appeals.filter((a) => a.answeredAt && a.answeredAt >= MAY[0] && a.answeredAt < MAY[1]).length;
    expect(report.dailyFlow.reduce((s: number, d: any) => s + d.resolved, 0)).toBe(resolved);
    expect(report.peakDays[0].received).toBe(Math.max(...report.dailyFlow.map((d: any) => d.received)));

    const byCategory = groupBy(fx.appeals.filter(inPeriod(...MAY)), (a) => a.categoryId);
    const top = report.topCategories[0];
    expect(top.count).toBe(Math.max(...[...byCategory.values()].map((l) => l.length)));
    expect(top.previousMonth).toBe(fx.appeals.filter(inPeriod(...APRIL)).filter((a) => a.categoryId === top.key).length);
    const channels = groupBy(fx.appeals.filter(inPeriod(...MAY)), (a) => a.channel);
    expect(Object.fromEntries(report.byChannel.map((c: any) => [c.key, c.count]))).toEqual(Object.fromEntries([...channels].map(([k, l]) => [k, l.length])));
    const yo = report.byMunicipality.find((m: any) => m.key === fx.municipalities.get('yoshkar-ola')!.id);
    expect(yo.perTenThousand).toBeCloseTo((yo.count / fx.municipalities.get('yoshkar-ola')!.population) * 10000, 6);

    expect(report.hotSpots[0]).toMatchObject({ address: 'Йошкар-Ола, ул. Машиностроителей', count: 8 });
    expect(report.organizationRatings.length).toBeGreaterThan(3);
    expect(report.conflicts.map((c: any) => c.kind)).toContain('BOILERPLATE_ANSWER');
    expect(report.conflicts.find((c: any) => c.kind === 'BOILERPLATE_ANSWER').count).toBe(1);
    expect(report.workload.length).toBe(3);
    expect(report.kpis.length).toBeGreaterThan(8);
    expect(report.overdue.reduce((s: number, o: any) => s + o.count, 0)).toBe(fx.appeals.filter((a) => a.dueAt < MAY[1] && ['NEW', 'REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'ON_REVIEW', 'REDIRECTED', 'REOPENED'].includes(a.status) && !a.answeredAt).length);
  });

  it('serves the same report as HTML with inline SVG charts, as XLSX with numeric cells and as PDF', async () => {
    const html = await fetchReport('/reports/monthly/2026-05.html', head);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('Ежемесячный отчёт Главе Республики Марий Эл');
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<script|<link|src="http/);

    const xlsx = await fetchReport('/reports/monthly/2026-05.xlsx', head);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Итоги', 'По дням', 'Темы', 'Муниципалитеты', 'Каналы', 'Рейтинг органов', 'Проблемы', 'Нагрузка']));
    const summary = book.getWorksheet('Итоги')!;
    expect(summary.getCell('A4').value).toBe('Поступило обращений');
    expect(summary.getCell('B4').value).toBe(fx.appeals.filter(inPeriod(...MAY)).length);
    expect(typeof summary.getCell('B7').value).toBe('number');
    expect(summary.getCell('B7').numFmt).toBe('0.0%');
    const days = book.getWorksheet('По дням')!;
    expect(typeof days.getCell('B2').value).toBe('number');

    const pdf = await fetchReport('/reports/monthly/2026-05.pdf', head);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  it('refuses the files without a token, with a foreign role, and for a malformed month', async () => {
    expect((await fetchReport('/reports/monthly/2026-05.pdf')).status).toBe(401);
    expect((await fetchReport('/reports/monthly/2026-05.pdf', 'not-a-token')).status).toBe(401);
    const { token } = await t.user(Role.INTEGRATION);
    const foreign = await fetchReport('/reports/monthly/2026-05.html', token);
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await fetchReport('/reports/monthly/2026-13.html', head)).status).toBe(400);
    expect((await fetchReport('/reports/monthly/2026-05.doc', head)).status).toBe(404);
    const bad = await t.gql(REPORT, { month: 'май' }, head);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
  });

  it('scopes the report to the caller: an operator\'s report counts only its body\'s appeals', async () => {
    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: 'min-health' });
    const r = await t.gql(`{ monthlyReport(month: "2026-05") { summary { code value } topOrganizations { key } } }`, {}, token);
    expect(r.errors).toBeUndefined();
    const count = r.data.monthlyReport.summary.find((m: any) => m.code === 'count').value;
    expect(count).toBe(fx.appeals.filter(inPeriod(...MAY)).filter((a) => a.org === 'min-health').length);
    expect(r.data.monthlyReport.topOrganizations.map((o: any) => o.key)).toEqual([fx.orgIds.get('min-health')]);
    const xlsx = await fetchReport('/reports/monthly/2026-05.xlsx', token);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    expect(book.getWorksheet('Итоги')!.getCell('B4').value).toBe(count);
  });
});

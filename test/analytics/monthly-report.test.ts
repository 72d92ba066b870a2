import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { loadFixture, NOW, type Fixture } from './fixture.js';
import { groupBy, inPeriod, metrics, moscowDay } from './recompute.js';
import { formatChange, formatValue } from '../../core/documents/report-format.js';

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

/** Independent recomputation of DEFINITIONS.overdueAtMonthEnd (the fixture's closed appeals closed when answered). */
const overdueAt = (a: Fixture['appeals'][number], at: Date) =>
  a.receivedAt < at && a.dueAt < at && (!a.answeredAt || a.answeredAt >= at) && a.status !== 'REJECTED' && !(a.pausedAt && a.pausedAt <= at);
/** DEFINITIONS.answeredLate: answered in the month after the term. */
const answeredLateIn = (a: Fixture['appeals'][number], from: Date, to: Date) =>
  Boolean(a.answeredAt && a.answeredAt >= from && a.answeredAt < to && a.answeredAt > a.dueAt);

const fetchReport = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

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
    expect(summary('count')).toMatchObject({
      value: may.count,
      previousMonth: april.count,
      yearAgo: ago.count,
      changeFromPreviousMonth: may.count - april.count,
    });
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
    // The section lists the bodies of the one "overdue at the end of the month" figure (DEFINITIONS.overdueAtMonthEnd).
    expect(report.overdue.reduce((s: number, o: any) => s + o.count, 0)).toBe(fx.appeals.filter((a) => overdueAt(a, MAY[1])).length);
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
    expect(book.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Итоги', 'По дням', 'Темы', 'Муниципалитеты', 'Каналы', 'Рейтинг органов', 'Проблемы', 'Нагрузка']),
    );
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

  it('gives each overdue figure one definition, stated under it, and the same number in the API, HTML and XLSX', async () => {
    const r = await t.gql(
      `{ monthlyReport(month: "2026-05") { overdueTotal summary { code label value previousMonth changeFromPreviousMonth percentFromPreviousMonth unit definition }
      byMunicipality { key label overdue } topOrganizations { key label overdue } definitions { figure text } } }`,
      {},
      head,
    );
    expect(r.errors).toBeUndefined();
    const report = r.data.monthlyReport;
    const summary = (code: string) => report.summary.find((m: any) => m.code === code);
    const overdue = fx.appeals.filter((a) => overdueAt(a, MAY[1])).length;
    const late = fx.appeals.filter((a) => answeredLateIn(a, ...MAY)).length;
    expect(overdue).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(0);
    expect(summary('overdueAtMonthEnd')).toMatchObject({ value: overdue, previousMonth: fx.appeals.filter((a) => overdueAt(a, APRIL[1])).length });
    expect(summary('answeredLate')).toMatchObject({ value: late, previousMonth: fx.appeals.filter((a) => answeredLateIn(a, ...APRIL)).length });
    expect(report.overdueTotal).toBe(overdue);
    // No third, unexplained "overdue" in the summary; every figure has its definition.
    expect(report.summary.map((m: any) => m.code)).not.toContain('overdue');
    for (const m of report.summary) expect(m.definition, m.code).toMatch(/\S/);
    expect(summary('overdueAtMonthEnd').definition).toMatch(/^Просрочено на конец месяца/);
    // Breakdowns: the same definition, per municipality and per body.
    for (const row of report.byMunicipality)
      expect(row.overdue, row.label).toBe(fx.appeals.filter((a) => a.municipalityId === row.key && overdueAt(a, MAY[1])).length);
    for (const row of report.topOrganizations)
      expect(row.overdue, row.label).toBe(fx.appeals.filter((a) => a.orgId === row.key && overdueAt(a, MAY[1])).length);

    const page = (await (await fetchReport('/reports/monthly/2026-05.html', head)).text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const definitionText = (text: string) => text.replace(/\s+/g, ' ');
    for (const m of report.summary) expect(page, m.code).toContain(`${m.label} — ${definitionText(m.definition)}`);
    const nf = (n: number) => new Intl.NumberFormat('ru-RU').format(n).replace(/\u202f/g, '\u00a0');
    expect(page).toContain(`Просрочено на конец месяца всего: ${nf(overdue)}`);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await (await fetchReport('/reports/monthly/2026-05.xlsx', head)).arrayBuffer()) as any);
    const sheet = book.getWorksheet('Итоги')!;
    const rowOf = (label: string) => sheet.getRows(4, sheet.rowCount)!.find((row) => row.getCell(1).value === label)!;
    for (const m of report.summary) {
      const row = rowOf(m.label);
      expect(row.getCell(2).value ?? null, m.code).toEqual(m.value);
      expect(row.getCell(7).value, m.code).toBe(m.definition);
      // The change: the very figure HTML prints in the row («+12,5 %», «−3,0 п. п.»), as a number with that format.
      const printed = formatChange(m.changeFromPreviousMonth, m.percentFromPreviousMonth, m.unit);
      expect(page, m.code).toContain(`${m.label} ${formatValue(m.value, m.unit)} ${formatValue(m.previousMonth, m.unit)} ${printed}`);
      if (printed !== '—') {
        const number = Number(
          printed
            .replace('−', '-')
            .replace('±', '')
            .replace(/\u00a0/g, '')
            .replace(/[%п. ]/g, '')
            .replace(',', '.'),
        );
        expect(row.getCell(4).value, m.code).toBeCloseTo(number, 6);
      }
    }
    const municipalities = book.getWorksheet('Муниципалитеты')!;
    const headers = (municipalities.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([
      'Муниципалитет',
      'Обращений',
      'Доля',
      'К прошлому месяцу',
      'На 10 тыс. жителей',
      'В срок',
      'Просрочено на конец месяца',
      'Оценка',
    ]);
    const overdueColumn = headers.indexOf('Просрочено на конец месяца') + 1;
    municipalities.eachRow((row, n) => {
      if (n === 1) return;
      const match = report.byMunicipality.find((m: any) => m.label === row.getCell(1).value);
      expect(row.getCell(overdueColumn).value).toBe(match.overdue);
    });
    // No raw metric code as a header anywhere; no column the section does not fill (the breakdowns once had five).
    for (const ws of book.worksheets) {
      const header = (ws.getRow(ws.name === 'Итоги' ? 3 : 1).values as unknown[]).slice(1);
      for (const h of header) expect(String(h), ws.name).not.toMatch(/^[a-z][A-Za-z]+$/);
      if (!['Итоги', 'Темы', 'Каналы', 'Органы'].includes(ws.name)) continue;
      for (let c = 1; c <= header.length; c++) {
        const values = ws
          .getColumn(c)
          .values.slice(ws.name === 'Итоги' ? 4 : 2)
          .filter((v) => v != null && v !== '');
        if (ws.rowCount > (ws.name === 'Итоги' ? 3 : 1)) expect(values.length, `${ws.name}: ${String(header[c - 1])}`).toBeGreaterThan(0);
      }
    }
  });

  describe('signed download links', () => {
    const LINK = `mutation L($month: String!, $format: ReportFormat!) { reportDownloadLink(month: $month, format: $format) { url expiresAt } }`;
    const link = async (month: string, format: string, token = head) => await t.gql(LINK, { month, format }, token);

    it('opens the file from a plain link, without a token, until it expires', async () => {
      const r = await link('2026-05', 'XLSX');
      expect(r.errors).toBeUndefined();
      const { url, expiresAt } = r.data.reportDownloadLink;
      expect(url).toMatch(/^\/reports\/monthly\/2026-05\.xlsx\?signature=/);
      expect(new Date(expiresAt).getTime() - NOW.getTime()).toBe(15 * 60_000);
      const file = await fetchReport(url);
      expect(file.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as any);
      expect(book.getWorksheet('Итоги')!.getCell('B4').value).toBe(fx.appeals.filter(inPeriod(...MAY)).length);
    });

    it('refuses an expired link, saying so', async () => {
      const clock = t.clock as ManualClock;
      const { url } = (await link('2026-05', 'HTML')).data.reportDownloadLink;
      clock.set(new Date(NOW.getTime() + 16 * 60_000));
      try {
        const res = await fetchReport(url);
        expect(res.status).toBe(401);
        const body = (await res.json()) as any;
        expect(body.errors[0].extensions.code).toBe('LINK_EXPIRED');
        expect(body.errors[0].message).toMatch(/Срок действия ссылки истёк/);
      } finally {
        clock.set(NOW);
      }
    });

    it('refuses a forged signature, a token of another purpose, and a link used for another file', async () => {
      const { url } = (await link('2026-05', 'PDF')).data.reportDownloadLink;
      const signature = new URL(url, t.url).searchParams.get('signature')!;
      const [h, p, sig] = signature.split('.');
      const forged = `${h}.${p}.${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'BB' : 'AA'}`;
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), m: '2026-04' })).toString('base64url')}.${sig}`;
      for (const bad of [forged, tampered, head]) {
        const res = await fetchReport(`/reports/monthly/2026-05.pdf?signature=${encodeURIComponent(bad)}`);
        expect(res.status).toBe(401);
        expect(((await res.json()) as any).errors[0].extensions.code).toBe('LINK_INVALID');
      }
      // A rating link (another purpose's key) is no download link.
      const { PurposeTokens } = await import('../../core/auth/purpose-keys.js');
      const app = t.running.app;
      const rating = new PurposeTokens<{ m: string; f: string }>({ rootSecret: app.config.rootSecret, issuer: app.config.JWT_ISSUER }, 'rating-link').sign(
        { sub: 'x', m: '2026-05', f: 'pdf' },
        NOW,
        new Date(NOW.getTime() + 60_000),
      );
      const other = await fetchReport(`/reports/monthly/2026-05.pdf?signature=${encodeURIComponent(rating)}`);
      expect(((await other.json()) as any).errors[0].extensions.code).toBe('LINK_INVALID');
      const elsewhere = await fetchReport(`/reports/monthly/2026-04.pdf?signature=${encodeURIComponent(signature)}`);
      expect(elsewhere.status).toBe(403);
      expect(((await elsewhere.json()) as any).errors[0].extensions.code).toBe('LINK_MISMATCH');
    });

    it('is given only to who may read the report, for a valid month', async () => {
      const { token } = await t.user(Role.INTEGRATION);
      expect((await link('2026-05', 'PDF', token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await link('2026-5', 'PDF')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    });
  });

  it('counts the lateness of any month, the current one too, from its two halves (unanswered, answered late) as from every appeal', async () => {
    // The statement reads the unanswered by due date and the late answers since the month began (report-lateness.ts);
    // an appeal overdue at a month's end and answered after it must still count (it is in the second half).
    const monthStart = (m: string) => new Date(`${m}-01T00:00:00+03:00`);
    const cases = [
      { month: '2025-11', end: monthStart('2025-12'), yearAgoEnd: monthStart('2024-12') },
      { month: '2026-02', end: monthStart('2026-03'), yearAgoEnd: monthStart('2025-03') },
      { month: '2026-06', end: NOW, yearAgoEnd: monthStart('2025-07') },
    ];
    let answeredAfterEnd = 0;
    for (const { month, end, yearAgoEnd } of cases) {
      const r = await t.gql(
        `query M($month: String!) { monthlyReport(month: $month) { overdueTotal summary { code value yearAgo } topOrganizations { key overdue } } }`,
        { month },
        head,
      );
      expect(r.errors, month).toBeUndefined();
      const report = r.data.monthlyReport;
      const summary = (code: string) => report.summary.find((m: any) => m.code === code);
      const overdue = fx.appeals.filter((a) => overdueAt(a, end));
      answeredAfterEnd += overdue.filter((a) => a.answeredAt).length;
      expect(summary('overdueAtMonthEnd'), month).toMatchObject({ value: overdue.length, yearAgo: fx.appeals.filter((a) => overdueAt(a, yearAgoEnd)).length });
      expect(summary('answeredLate').value, month).toBe(fx.appeals.filter((a) => answeredLateIn(a, monthStart(month), end)).length);
      expect(report.overdueTotal, month).toBe(overdue.length);
      for (const row of report.topOrganizations) expect(row.overdue, `${month} ${row.key}`).toBe(overdue.filter((a) => a.orgId === row.key).length);
    }
    expect(answeredAfterEnd).toBeGreaterThan(0);
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

  it("scopes the report to the caller: an operator's report counts only its body's appeals", async () => {
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

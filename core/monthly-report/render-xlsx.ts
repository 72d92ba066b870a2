import ExcelJS from 'exceljs';
import type { MonthlyReport } from './report.types.js';
import type { RatingRow } from '../analytics/ratings.types.js';
import { SURVEY_SHEET_COLUMNS, surveySheetRows } from '../surveys/survey-report-section.js';
import { DEFINITIONS } from './report-definitions.js';
import { countChange, shownChange, type ShownChange } from '../documents/report-format.js';

/** Number formats of a change, so the cell shows what HTML and PDF print («+12,5 %», «−3,0 п. п.»). */
const CHANGE_FORMATS: Record<ShownChange['kind'], string> = {
  percent: '+0.0" %";−0.0" %";±0.0" %"',
  points: '+0.0" п. п.";−0.0" п. п.";±0.0" п. п."',
  count: '+#,##0;−#,##0;±0',
  hours: '+0.0;−0.0;±0.0',
  score: '+0.00;−0.00;±0.00',
};
const changeCell = (delta: number | null, percent: number | null, unit: string): Formatted => {
  const shown = shownChange(delta, percent, unit);
  return shown ? { value: shown.value, numFmt: CHANGE_FORMATS[shown.kind] } : { value: null, numFmt: 'General' };
};

type Kind = 'text' | 'int' | 'share' | 'hours' | 'score' | 'decimal' | 'date';
interface Column {
  header: string;
  kind: Kind;
  width?: number;
}

const FORMATS: Partial<Record<Kind, string>> = { int: '#,##0', share: '0.0%', hours: '0.0', score: '0.00', decimal: '0.0', date: 'dd.mm.yyyy' };

/** One sheet per section; figures are numbers with a display format, never text. */
function sheet(book: ExcelJS.Workbook, name: string, columns: Column[], rows: unknown[][]): void {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? (c.kind === 'text' ? 40 : 16),
    style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  for (const values of rows) {
    const row = ws.addRow(values.map((value) => (isFormatted(value) ? value.value : (value ?? null))));
    values.forEach((value, i) => {
      if (isFormatted(value)) row.getCell(i + 1).numFmt = value.numFmt;
    });
  }
}

/** A cell whose format depends on the row (a KPI is a share in one row, hours in the next). */
interface Formatted {
  value: number | null;
  numFmt: string;
}
const isFormatted = (value: unknown): value is Formatted => typeof value === 'object' && value !== null && 'numFmt' in value;
const KPI_FORMATS: Record<string, string> = {
  onTimeRate: '0.0%',
  overdueShare: '0.0%',
  repeatRate: '0.0%',
  satisfactionAvg: '0.00',
  medianResponseHours: '0.0',
  count: '#,##0',
};

const unitKind = (unit: string): Kind => (unit === 'count' ? 'int' : (unit as Kind));

function ratingRows(rows: RatingRow[]) {
  return rows.map((r) => [
    r.rank,
    r.name,
    r.score,
    r.appeals,
    r.perTenThousand,
    r.quantity.value,
    r.timeliness.value,
    r.quality.value,
    r.speed.value,
    r.completeness.value,
    r.satisfaction.value,
    r.repeats.value,
  ]);
}
const RATING_COLUMNS: Column[] = [
  { header: 'Место', kind: 'int', width: 8 },
  { header: 'Наименование', kind: 'text' },
  { header: 'Оценка (0–100)', kind: 'decimal' },
  { header: 'Обращений', kind: 'int' },
  { header: 'На 10 тыс. жителей', kind: 'decimal' },
  { header: 'Количество', kind: 'share' },
  { header: 'Своевременность', kind: 'share' },
  { header: 'Качество', kind: 'share' },
  { header: 'Скорость', kind: 'share' },
  { header: 'Полнота', kind: 'share' },
  { header: 'Удовлетворённость', kind: 'share' },
  { header: 'Без повторов', kind: 'share' },
];

export async function renderReportXlsx(report: MonthlyReport, author: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = author;
  book.created = report.generatedAt;
  book.title = report.title;

  const summary = book.addWorksheet('Итоги', { views: [{ state: 'frozen', ySplit: 3 }] });
  summary.getCell('A1').value = report.title;
  summary.getCell('A1').font = { bold: true, size: 13 };
  summary.columns = [{ width: 44 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }];
  const header = summary.getRow(3);
  header.values = ['Показатель', report.monthLabel, report.previousMonthLabel, 'Изменение', report.yearAgoLabel, 'Изменение'];
  header.font = { bold: true };
  summary.columns = [{ width: 44 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 90 }];
  header.values = ['Показатель', report.monthLabel, report.previousMonthLabel, 'Изменение', report.yearAgoLabel, 'Изменение', 'Определение'];
  for (const m of report.summary) {
    const toPrevious = changeCell(m.changeFromPreviousMonth, m.percentFromPreviousMonth, m.unit);
    const toYearAgo = changeCell(m.changeFromYearAgo, m.percentFromYearAgo, m.unit);
    const row = summary.addRow([m.label, m.value, m.previousMonth, toPrevious.value, m.yearAgo, toYearAgo.value, m.definition]);
    const fmt = FORMATS[unitKind(m.unit)];
    if (fmt) for (const c of [2, 3, 5]) row.getCell(c).numFmt = fmt;
    row.getCell(4).numFmt = toPrevious.numFmt;
    row.getCell(6).numFmt = toYearAgo.numFmt;
    row.getCell(7).alignment = { wrapText: true, vertical: 'top' };
  }

  sheet(
    book,
    'По дням',
    [
      { header: 'Дата', kind: 'text', width: 14 },
      { header: 'Поступило', kind: 'int' },
      { header: 'Дан ответ', kind: 'int' },
    ],
    report.dailyFlow.map((d) => [d.day, d.received, d.resolved]),
  );
  // The columns each section has in HTML and PDF, no more: a sheet has no empty column.
  type CountRow = MonthlyReport['topCategories'][number];
  const extra: Record<string, { header: string; kind: Kind; value: (r: CountRow) => unknown }> = {
    perTenThousand: { header: 'На 10 тыс. жителей', kind: 'decimal', value: (r) => r.perTenThousand },
    answered: { header: 'Дан ответ', kind: 'int', value: (r) => r.answered },
    onTimeRate: { header: 'В срок', kind: 'share', value: (r) => r.onTimeRate },
    overdue: { header: 'Просрочено на конец месяца', kind: 'int', value: (r) => r.overdue },
    medianResponseHours: { header: 'Медиана ответа, ч', kind: 'hours', value: (r) => r.medianResponseHours },
    satisfactionAvg: { header: 'Оценка', kind: 'score', value: (r) => r.satisfactionAvg },
  };
  for (const [name, rows, first, columns] of [
    ['Темы', report.topCategories, 'Тема', ['onTimeRate']],
    ['Муниципалитеты', report.byMunicipality, 'Муниципалитет', ['perTenThousand', 'onTimeRate', 'overdue', 'satisfactionAvg']],
    ['Каналы', report.byChannel, 'Канал', ['medianResponseHours', 'onTimeRate']],
    ['Органы', report.topOrganizations, 'Орган', ['answered', 'onTimeRate', 'overdue']],
  ] as const) {
    const more = columns.map((code) => extra[code]!);
    sheet(
      book,
      name,
      [
        { header: first, kind: 'text' },
        { header: 'Обращений', kind: 'int' },
        { header: 'Доля', kind: 'share' },
        { header: 'К прошлому месяцу', kind: 'text', width: 18 },
        ...more,
      ],
      rows.map((r) => {
        const { delta, percent } = countChange(r.count, r.previousMonth);
        return [r.label, r.count, r.share, changeCell(delta, percent, 'count'), ...more.map((c) => c.value(r))];
      }),
    );
  }
  sheet(
    book,
    'Очаги',
    [
      { header: 'Тема', kind: 'text' },
      { header: 'Муниципалитет', kind: 'text', width: 24 },
      { header: 'Улица', kind: 'text' },
      { header: 'Обращений', kind: 'int' },
      { header: 'В прошлом месяце', kind: 'int' },
      { header: 'Ответственный', kind: 'text', width: 30 },
    ],
    report.hotSpots.map((h) => [h.category, h.municipality, h.address, h.count, h.previousMonth, h.organization]),
  );
  sheet(book, 'Рейтинг органов', RATING_COLUMNS, ratingRows(report.organizationRatings));
  sheet(book, 'Рейтинг муниципалитетов', RATING_COLUMNS, ratingRows(report.municipalityRatings));
  sheet(
    book,
    'Просрочено',
    [
      { header: 'Орган', kind: 'text' },
      { header: 'Просрочено на конец месяца', kind: 'int' },
      { header: 'Номер', kind: 'text', width: 20 },
      { header: 'Срок', kind: 'date', width: 14 },
      { header: 'Дней просрочки', kind: 'int' },
    ],
    report.overdue.flatMap((o) => o.appeals.map((a) => [o.organization, o.count, a.number, a.dueAt, a.daysOverdue])),
  );
  sheet(
    book,
    'Определения',
    [
      { header: 'Показатель', kind: 'text', width: 28 },
      { header: 'Что считает', kind: 'text', width: 120 },
    ],
    [
      ...report.summary.map((m) => [m.label, m.definition]),
      ['Просрочено на конец месяца (разделы)', DEFINITIONS.overdueAtMonthEnd],
      ['Нагрузка: просрочено', DEFINITIONS.workloadOverdue],
      ['Нагрузка: работает', DEFINITIONS.workloadPresent],
    ],
  );
  sheet(
    book,
    'Конфликты',
    [
      { header: 'Конфликтная ситуация (п. 8)', kind: 'text', width: 56 },
      { header: 'Случаев', kind: 'int' },
    ],
    report.conflicts.map((c) => [c.label, c.count]),
  );
  sheet(
    book,
    'Проблемы',
    [
      { header: 'Проблема', kind: 'text' },
      { header: 'Обращений', kind: 'int' },
      { header: 'В прошлом периоде', kind: 'int' },
      { header: 'Динамика', kind: 'text', width: 16 },
      { header: 'Статус', kind: 'text', width: 16 },
      { header: 'Решение', kind: 'text' },
      { header: 'Показатель нацпроекта', kind: 'text', width: 20 },
      { header: 'Ответственный', kind: 'text', width: 30 },
    ],
    report.problems.map((p) => [p.title, p.count, p.previousCount, p.trend, p.statusLabel, p.decision, p.nationalProjectIndicator, p.organization]),
  );
  sheet(
    book,
    'Нагрузка',
    [
      { header: 'Отраслевой блок', kind: 'text', width: 24 },
      { header: 'Открыто', kind: 'int' },
      { header: 'В работе', kind: 'int' },
      { header: 'Просрочено', kind: 'int' },
      { header: 'Ответов за месяц', kind: 'int' },
      { header: 'Ср. время, ч', kind: 'hours' },
      { header: 'Работает', kind: 'int' },
      { header: 'Нужно по норме', kind: 'int' },
      { header: 'Предложение', kind: 'text', width: 70 },
    ],
    report.workload.map((w) => [w.name, w.open, w.inWork, w.overdue, w.answered, w.avgHandlingHours, w.specialistsPresent, w.specialistsNeeded, w.proposal]),
  );
  sheet(
    book,
    'Отраслевые показатели',
    [
      { header: 'Показатель', kind: 'text', width: 56 },
      { header: 'Блок', kind: 'text', width: 14 },
      { header: 'Мера', kind: 'text', width: 22 },
      { header: 'Значение', kind: 'decimal' },
      { header: 'Цель', kind: 'decimal' },
    ],
    report.kpis.map((k) => [
      k.name,
      k.sectorName,
      k.measure,
      { value: k.value, numFmt: KPI_FORMATS[k.measure] },
      { value: k.target, numFmt: KPI_FORMATS[k.measure] },
    ]),
  );
  sheet(
    book,
    'Обучение',
    [
      { header: 'Семинар', kind: 'text', width: 40 },
      { header: 'Тема', kind: 'text', width: 22 },
      { header: 'Дата', kind: 'date', width: 14 },
      { header: 'Формат', kind: 'text', width: 14 },
      { header: 'Участников', kind: 'int' },
      { header: 'Органов', kind: 'int' },
    ],
    report.training.map((s) => [s.title, s.topic, s.startsAt, s.format, s.attendees, s.organizations]),
  );
  sheet(book, 'Что сказали жители', SURVEY_SHEET_COLUMNS, surveySheetRows(report.residentsSaid));
  return Buffer.from(await book.xlsx.writeBuffer());
}

import ExcelJS from 'exceljs';
import type { MonthlyReport } from './report.types.js';
import type { RatingRow } from '../ratings.types.js';
import { SURVEY_SHEET_COLUMNS, surveySheetRows } from '../../surveys/survey-report-section.js';

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
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? (c.kind === 'text' ? 40 : 16), style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {} }));
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
const KPI_FORMATS: Record<string, string> = { onTimeRate: '0.0%', overdueShare: '0.0%', repeatRate: '0.0%', satisfactionAvg: '0.00', medianResponseHours: '0.0', count: '#,##0' };

const unitKind = (unit: string): Kind => (unit === 'count' ? 'int' : (unit as Kind));

function ratingRows(rows: RatingRow[]) {
  return rows.map((r) => [r.rank, r.name, r.score, r.appeals, r.perTenThousand, r.quantity.value, r.timeliness.value, r.quality.value, r.speed.value, r.completeness.value, r.satisfaction.value, r.repeats.value]);
}
const RATING_COLUMNS: Column[] = [
  { header: 'Место', kind: 'int', width: 8 }, { header: 'Наименование', kind: 'text' }, { header: 'Оценка (0–100)', kind: 'decimal' },
  { header: 'Обращений', kind: 'int' }, { header: 'На 10 тыс. жителей', kind: 'decimal' }, { header: 'Количество', kind: 'share' },
  { header: 'Своевременность', kind: 'share' }, { header: 'Качество', kind: 'share' }, { header: 'Скорость', kind: 'share' },
  { header: 'Полнота', kind: 'share' }, { header: 'Удовлетворённость', kind: 'share' }, { header: 'Без повторов', kind: 'share' },
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
  for (const m of report.summary) {
    const row = summary.addRow([m.label, m.value, m.previousMonth, m.changeFromPreviousMonth, m.yearAgo, m.changeFromYearAgo]);
    const fmt = FORMATS[unitKind(m.unit)];
    if (fmt) for (let c = 2; c <= 6; c++) row.getCell(c).numFmt = fmt;
  }

  sheet(book, 'По дням', [{ header: 'Дата', kind: 'text', width: 14 }, { header: 'Поступило', kind: 'int' }, { header: 'Дан ответ', kind: 'int' }],
    report.dailyFlow.map((d) => [d.day, d.received, d.resolved]));
  const counts = (rows: MonthlyReport['topCategories'], first: string) => ({
    columns: [{ header: first, kind: 'text' as Kind }, { header: 'Обращений', kind: 'int' as Kind }, { header: 'Доля', kind: 'share' as Kind },
      { header: 'В прошлом месяце', kind: 'int' as Kind }, { header: 'Дан ответ', kind: 'int' as Kind }, { header: 'В срок', kind: 'share' as Kind },
      { header: 'Просрочено', kind: 'int' as Kind }, { header: 'Медиана ответа, ч', kind: 'hours' as Kind }, { header: 'Оценка', kind: 'score' as Kind },
      { header: 'На 10 тыс. жителей', kind: 'decimal' as Kind }],
    rows: rows.map((r) => [r.label, r.count, r.share, r.previousMonth, r.answered, r.onTimeRate, r.overdue, r.medianResponseHours, r.satisfactionAvg, r.perTenThousand]),
  });
  for (const [name, rows, first] of [
    ['Темы', report.topCategories, 'Тема'], ['Муниципалитеты', report.byMunicipality, 'Муниципалитет'],
    ['Каналы', report.byChannel, 'Канал'], ['Органы', report.topOrganizations, 'Орган'],
  ] as const) {
    const c = counts(rows, first);
    sheet(book, name, c.columns, c.rows);
  }
  sheet(book, 'Очаги', [{ header: 'Тема', kind: 'text' }, { header: 'Муниципалитет', kind: 'text', width: 24 }, { header: 'Улица', kind: 'text' },
    { header: 'Обращений', kind: 'int' }, { header: 'В прошлом месяце', kind: 'int' }, { header: 'Ответственный', kind: 'text', width: 30 }],
    report.hotSpots.map((h) => [h.category, h.municipality, h.address, h.count, h.previousMonth, h.organization]));
  sheet(book, 'Рейтинг органов', RATING_COLUMNS, ratingRows(report.organizationRatings));
  sheet(book, 'Рейтинг муниципалитетов', RATING_COLUMNS, ratingRows(report.municipalityRatings));
  sheet(book, 'Просрочено', [{ header: 'Орган', kind: 'text' }, { header: 'Просрочено всего', kind: 'int' }, { header: 'Номер', kind: 'text', width: 20 },
    { header: 'Срок', kind: 'date', width: 14 }, { header: 'Дней просрочки', kind: 'int' }],
    report.overdue.flatMap((o) => o.appeals.map((a) => [o.organization, o.count, a.number, a.dueAt, a.daysOverdue])));
  sheet(book, 'Конфликты', [{ header: 'Конфликтная ситуация (п. 8)', kind: 'text', width: 56 }, { header: 'Случаев', kind: 'int' }],
    report.conflicts.map((c) => [c.label, c.count]));
  sheet(book, 'Проблемы', [{ header: 'Проблема', kind: 'text' }, { header: 'Обращений', kind: 'int' }, { header: 'В прошлом периоде', kind: 'int' },
    { header: 'Динамика', kind: 'text', width: 16 }, { header: 'Статус', kind: 'text', width: 16 }, { header: 'Решение', kind: 'text' },
    { header: 'Показатель нацпроекта', kind: 'text', width: 20 }, { header: 'Ответственный', kind: 'text', width: 30 }],
    report.problems.map((p) => [p.title, p.count, p.previousCount, p.trend, p.statusLabel, p.decision, p.nationalProjectIndicator, p.organization]));
  sheet(book, 'Нагрузка', [{ header: 'Отраслевой блок', kind: 'text', width: 24 }, { header: 'Открыто', kind: 'int' }, { header: 'В работе', kind: 'int' },
    { header: 'Просрочено', kind: 'int' }, { header: 'Ответов за месяц', kind: 'int' }, { header: 'Ср. время, ч', kind: 'hours' },
    { header: 'Работает', kind: 'int' }, { header: 'Нужно по норме', kind: 'int' }, { header: 'Предложение', kind: 'text', width: 70 }],
    report.workload.map((w) => [w.name, w.open, w.inWork, w.overdue, w.answered, w.avgHandlingHours, w.specialistsPresent, w.specialistsNeeded, w.proposal]));
  sheet(book, 'Отраслевые показатели', [{ header: 'Показатель', kind: 'text', width: 56 }, { header: 'Блок', kind: 'text', width: 14 },
    { header: 'Мера', kind: 'text', width: 22 }, { header: 'Значение', kind: 'decimal' }, { header: 'Цель', kind: 'decimal' }],
    report.kpis.map((k) => [k.name, k.sectorName, k.measure, { value: k.value, numFmt: KPI_FORMATS[k.measure] }, { value: k.target, numFmt: KPI_FORMATS[k.measure] }]));
  sheet(book, 'Обучение', [{ header: 'Семинар', kind: 'text', width: 40 }, { header: 'Тема', kind: 'text', width: 22 }, { header: 'Дата', kind: 'date', width: 14 },
    { header: 'Формат', kind: 'text', width: 14 }, { header: 'Участников', kind: 'int' }, { header: 'Органов', kind: 'int' }],
    report.training.map((s) => [s.title, s.topic, s.startsAt, s.format, s.attendees, s.organizations]));
  sheet(book, 'Что сказали жители', SURVEY_SHEET_COLUMNS, surveySheetRows(report.residentsSaid));
  return Buffer.from(await book.xlsx.writeBuffer());
}

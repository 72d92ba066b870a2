import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import type { MonthlyReport } from './report.types.js';
import type { RatingRow } from '../ratings.types.js';
import { DEFINITIONS } from './report-definitions.js';
import { countRu, DAYS } from '../plural.js';
import {
  countChange,
  formatChange,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatHours,
  formatInt,
  formatShare,
  formatValue,
  NO_DATA,
} from './report-format.js';
import { kpiValue } from './render-html.js';
import { capitalize } from '../labels.js';
import { CHART_COLORS } from './svg-charts.js';
import { SURVEY_SECTION_HEADERS, SURVEY_SECTION_TITLE, surveySectionRows } from '../../surveys/survey-report-section.js';

// A font with Cyrillic glyphs, shipped inside an npm package: nothing is downloaded at run time.
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
// Russian hyphenation patterns (TeX's, in the `hyphen` package): soft hyphens, so pdfkit breaks «Здравоохра-нение», never «Здравоохране/ние».
const { hyphenateSync } = require('hyphen/ru') as { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
/** Text with soft hyphens where Russian allows a break; pdfkit prints a hyphen only where it breaks. */
export const hyphenate = (text: string) => hyphenateSync(text, { hyphenChar: '\u00ad', minWordLength: 6 });

const MARGIN = 40;
type Doc = PDFKit.PDFDocument;
interface Col {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

function pageBottom(doc: Doc) {
  return doc.page.height - MARGIN - 14;
}

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string) {
  ensureSpace(doc, 60);
  doc.moveDown(0.6).font('bold').fontSize(13).fillColor('#1f3b5c').text(text, MARGIN, doc.y);
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(1.2)
    .strokeColor('#1f5fa8')
    .stroke();
  doc.moveDown(0.5).fillColor('#222').font('regular').fontSize(9);
}

/** A table that wraps long text and repeats its header on a new page. */
function table(doc: Doc, cols: Col[], rows: string[][]) {
  const pad = 3;
  const widths = columnWidths(doc, cols, pad);
  const drawRow = (raw: string[], bold: boolean) => {
    // Text columns get soft hyphens: long Russian words break at a syllable, with a hyphen.
    const cells = raw.map((cell, i) => (cols[i]?.align === 'right' ? cell : hyphenate(cell)));
    doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    // Laying out text is the slow part of pdfkit: measure only cells that may wrap.
    const line = doc.currentLineHeight(true);
    const height =
      Math.max(
        ...cells.map((cell, i) => {
          const width = widths[i] - 2 * pad;
          return cell.includes('\n') || doc.widthOfString(cell) > width ? doc.heightOfString(cell, { width }) : line;
        }),
      ) +
      2 * pad;
    if (doc.y + height > pageBottom(doc)) {
      doc.addPage();
      if (!bold)
        drawRow(
          cols.map((c) => c.title),
          true,
        );
      doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    }
    const y = doc.y;
    if (bold)
      doc
        .rect(
          MARGIN,
          y,
          widths.reduce((s, w) => s + w, 0),
          height,
        )
        .fill('#eef2f6');
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.fillColor('#222').text(cell, x + pad, y + pad, { width: widths[i] - 2 * pad, align: cols[i].align ?? 'left' });
      x += widths[i];
    });
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + widths.reduce((s, w) => s + w, 0), y + height)
      .lineWidth(0.4)
      .strokeColor('#d5dbe2')
      .stroke();
    doc.y = y + height;
    doc.x = MARGIN;
  };
  drawRow(
    cols.map((c) => c.title),
    true,
  );
  if (!rows.length) drawRow(['Нет данных за месяц', ...cols.slice(1).map(() => '')], false);
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.4);
}

/**
 * The given widths scaled to the page, but never narrower than the longest
 * word of a column's header (a header broken inside a word is unreadable).
 */
function columnWidths(doc: Doc, cols: Col[], pad: number): number[] {
  const available = doc.page.width - 2 * MARGIN;
  const total = cols.reduce((s, c) => s + c.width, 0);
  const widths = cols.map((c) => (c.width * available) / total);
  doc.font('bold').fontSize(8.5);
  const minimum = cols.map((c) => Math.max(...c.title.split(/\s+/).map((word) => doc.widthOfString(word))) + 2 * pad + 1);
  let deficit = 0;
  widths.forEach((w, i) => {
    if (w < minimum[i]) {
      deficit += minimum[i] - w;
      widths[i] = minimum[i];
    }
  });
  // Wide text columns give up the difference, never below their own header words.
  const spare = widths.map((w, i) => (cols[i].align === 'right' ? 0 : Math.max(0, w - minimum[i])));
  const spareTotal = spare.reduce((s, v) => s + v, 0);
  if (deficit && spareTotal) widths.forEach((_, i) => (widths[i] -= (Math.min(deficit, spareTotal) * spare[i]) / spareTotal));
  return widths;
}

/** The definition printed under a figure, as in HTML and XLSX. */
function definition(doc: Doc, text: string) {
  doc
    .font('regular')
    .fontSize(7.5)
    .fillColor('#555')
    .text(hyphenate(text), MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN })
    .fillColor('#222')
    .fontSize(9);
  doc.moveDown(0.3);
}

const num = (title: string, width = 60): Col => ({ title, width, align: 'right' });
const txt = (title: string, width = 160): Col => ({ title, width });

function columnChart(doc: Doc, report: MonthlyReport) {
  const height = 150;
  ensureSpace(doc, height + 30);
  const left = MARGIN + 30;
  const width = doc.page.width - MARGIN - left;
  const top = doc.y + 16;
  const max = Math.max(1, ...report.dailyFlow.flatMap((d) => [d.received, d.resolved]));
  const slot = width / Math.max(report.dailyFlow.length, 1);
  doc.fontSize(8).fillColor('#333');
  doc
    .rect(MARGIN, doc.y + 2, 8, 8)
    .fill(CHART_COLORS.primary)
    .fillColor('#333')
    .text('Поступило', MARGIN + 12, doc.y + 1, { lineBreak: false });
  doc
    .rect(MARGIN + 80, top - 14, 8, 8)
    .fill(CHART_COLORS.secondary)
    .fillColor('#333')
    .text('Дан ответ', MARGIN + 92, top - 15, { lineBreak: false });
  for (let i = 0; i <= 4; i++) {
    const y = top + height - (height * i) / 4;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.3)
      .strokeColor('#e3e7ec')
      .stroke();
    doc.fillColor('#333').text(String(Math.round((max * i) / 4)), MARGIN, y - 4, { width: 26, align: 'right', lineBreak: false });
  }
  report.dailyFlow.forEach((d, i) => {
    const bw = (slot * 0.8) / 2;
    const x = left + i * slot + slot * 0.1;
    const h1 = (height * d.received) / max;
    const h2 = (height * d.resolved) / max;
    if (h1) doc.rect(x, top + height - h1, bw, h1).fill(CHART_COLORS.primary);
    if (h2) doc.rect(x + bw, top + height - h2, bw, h2).fill(CHART_COLORS.secondary);
    if (i % 2 === 0)
      doc
        .fillColor('#333')
        .fontSize(7)
        .text(d.day.slice(8), left + i * slot, top + height + 3, { width: slot, align: 'center', lineBreak: false });
  });
  doc.y = top + height + 16;
  doc.x = MARGIN;
  doc.fontSize(9);
}

function barChart(doc: Doc, items: { label: string; value: number; display: string }[], color: string) {
  const rowH = 13;
  ensureSpace(doc, items.length * rowH + 10);
  const labelW = 200;
  const max = Math.max(1, ...items.map((i) => i.value));
  const plotW = doc.page.width - 2 * MARGIN - labelW - 60;
  let y = doc.y + 4;
  doc.fontSize(8);
  for (const item of items) {
    // A long label wraps (hyphenated) onto more lines and the row grows: never cut.
    const label = hyphenate(item.label);
    const h = Math.max(rowH, doc.heightOfString(label, { width: labelW - 6 }) + 2);
    if (y + h > pageBottom(doc)) {
      doc.addPage();
      y = doc.y;
    }
    doc.fillColor('#333').text(label, MARGIN, y + 1, { width: labelW - 6, align: 'right' });
    const w = (plotW * Math.max(item.value, 0)) / max;
    if (w) doc.rect(MARGIN + labelW, y + 2, w, rowH - 4).fill(color);
    doc.fillColor('#333').text(item.display, MARGIN + labelW + w + 4, y + 1, { lineBreak: false });
    y += h;
  }
  doc.y = y + 6;
  doc.x = MARGIN;
  doc.fontSize(9);
}

function ratingTable(doc: Doc, rows: RatingRow[]) {
  table(
    doc,
    [
      num('Место', 34),
      txt('Наименование', 170),
      num('Оценка', 44),
      num('Обращ.', 44),
      num('В срок', 46),
      num('Качество', 50),
      num('Скорость', 50),
      num('Полнота', 48),
      num('Удовл.', 44),
      num('Без повт.', 48),
    ],
    rows.map((r) => [
      r.rank == null ? '—' : String(r.rank),
      r.name,
      formatDecimal(r.score),
      formatInt(r.appeals),
      ...[r.timeliness, r.quality, r.speed, r.completeness, r.satisfaction, r.repeats].map((p) => formatShare(p.value)),
    ]),
  );
}

/** The report as a PDF (A4), with the DejaVu font for Cyrillic. */
/** `compress: false` leaves the page streams readable (tests count what is drawn). */
export function renderReportPdf(report: MonthlyReport, zone: string, author: string, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: report.title, Author: author },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(16).fillColor('#1f3b5c').text(report.title);
  doc
    .moveDown(0.3)
    .font('regular')
    .fontSize(9)
    .fillColor('#555')
    .text(`Сравнение с: ${report.previousMonthLabel} и ${report.yearAgoLabel}. Сформирован ${formatDateTime(report.generatedAt, zone)}.`);
  if (report.partial) doc.fillColor('#a05a00').text('Месяц ещё не закончился: данные на момент формирования отчёта.');
  doc.fillColor('#222');
  let n = 0;
  const section = (title: string) => heading(doc, `${++n}. ${title}`);

  section('Итоги месяца');
  table(
    doc,
    [
      txt('Показатель', 190),
      num(capitalize(report.monthLabel), 70),
      num(capitalize(report.previousMonthLabel), 70),
      num('Изменение', 64),
      num(capitalize(report.yearAgoLabel), 70),
      num('Изменение', 64),
    ],
    report.summary.map((m) => [
      m.label,
      formatValue(m.value, m.unit),
      formatValue(m.previousMonth, m.unit),
      formatChange(m.changeFromPreviousMonth, m.percentFromPreviousMonth, m.unit),
      formatValue(m.yearAgo, m.unit),
      formatChange(m.changeFromYearAgo, m.percentFromYearAgo, m.unit),
    ]),
  );
  for (const m of report.summary) definition(doc, `${m.label} — ${m.definition}`);

  section('Поступило и решено по дням');
  columnChart(doc, report);
  doc.text(`Пиковые дни: ${report.peakDays.map((d) => `${d.label} — ${formatInt(d.received)}`).join('; ') || NO_DATA}`);

  const change = (count: number, previous: number | null) => {
    const { delta, percent } = countChange(count, previous);
    return formatChange(delta, percent, 'count');
  };
  section('Основные темы обращений');
  barChart(
    doc,
    report.topCategories.map((c) => ({ label: c.label, value: c.count, display: formatInt(c.count) })),
    CHART_COLORS.primary,
  );
  table(
    doc,
    [txt('Тема', 220), num('Обращений'), num('Доля'), num('К прошл. мес.', 70), num('В срок')],
    report.topCategories.map((r) => [r.label, formatInt(r.count), formatShare(r.share), change(r.count, r.previousMonth), formatShare(r.onTimeRate)]),
  );

  section('По муниципалитетам');
  table(
    doc,
    [
      txt('Муниципалитет', 150),
      num('Обращений'),
      num('Доля', 50),
      num('К прошл. мес.', 66),
      num('На 10 тыс.', 56),
      num('В срок', 50),
      num('Просрочено на конец месяца', 60),
      num('Оценка', 46),
    ],
    report.byMunicipality.map((r) => [
      r.label,
      formatInt(r.count),
      formatShare(r.share),
      change(r.count, r.previousMonth),
      formatDecimal(r.perTenThousand),
      formatShare(r.onTimeRate),
      formatInt(r.overdue),
      formatValue(r.satisfactionAvg, 'score'),
    ]),
  );
  definition(doc, DEFINITIONS.overdueAtMonthEnd);

  section('По каналам поступления');
  barChart(
    doc,
    report.byChannel.map((c) => ({ label: c.label, value: c.count, display: formatInt(c.count) })),
    CHART_COLORS.secondary,
  );
  table(
    doc,
    [txt('Канал', 200), num('Обращений'), num('Доля'), num('К прошл. мес.', 70), num('Медиана, ч'), num('В срок')],
    report.byChannel.map((r) => [
      r.label,
      formatInt(r.count),
      formatShare(r.share),
      change(r.count, r.previousMonth),
      formatHours(r.medianResponseHours),
      formatShare(r.onTimeRate),
    ]),
  );

  section('Органы с наибольшим числом обращений');
  table(
    doc,
    [txt('Орган', 200), num('Обращений'), num('Доля'), num('К прошл. мес.', 70), num('Дан ответ'), num('В срок'), num('Просрочено на конец месяца', 64)],
    report.topOrganizations.map((r) => [
      r.label,
      formatInt(r.count),
      formatShare(r.share),
      change(r.count, r.previousMonth),
      formatInt(r.answered),
      formatShare(r.onTimeRate),
      formatInt(r.overdue),
    ]),
  );
  definition(doc, DEFINITIONS.overdueAtMonthEnd);

  section('Очаги');
  table(
    doc,
    [txt('Тема', 130), txt('Муниципалитет', 90), txt('Улица', 140), num('Обращ.', 46), num('Прошл. мес.', 56), txt('Ответственный', 110)],
    report.hotSpots.map((h) => [
      h.category,
      h.municipality ?? NO_DATA,
      h.address ?? NO_DATA,
      formatInt(h.count),
      formatInt(h.previousMonth),
      h.organization ?? NO_DATA,
    ]),
  );

  section('Рейтинг органов власти');
  ratingTable(doc, report.organizationRatings);
  doc
    .fontSize(7.5)
    .fillColor('#555')
    .text('Оценка 0–100 — взвешенная сумма частей; доли сглажены к среднему по всем, «—» в графе «Место» — меньше минимального числа обращений.')
    .fillColor('#222')
    .fontSize(9);
  section('Рейтинг муниципалитетов');
  ratingTable(doc, report.municipalityRatings);

  section('Просроченные обращения');
  doc.text(`Просрочено на конец месяца всего: ${formatInt(report.overdueTotal)}`);
  table(
    doc,
    [txt('Орган', 170), num('Просрочено на конец месяца', 70), txt('Самые давние: номер, срок, просрочка', 270)],
    report.overdue.map((o) => [
      o.organization,
      formatInt(o.count),
      o.appeals.map((a) => `${a.number} — ${formatDate(a.dueAt, zone)} (${countRu(a.daysOverdue, DAYS)})`).join('\n'),
    ]),
  );
  definition(doc, DEFINITIONS.overdueAtMonthEnd);

  section('Удовлетворённость, повторные обращения и конфликтные ситуации');
  table(
    doc,
    [txt('Показатель', 260), num('Значение', 80), num('К прошлому месяцу', 100)],
    ['satisfactionAvg', 'negativeRate', 'repeatRate', 'returnedRate']
      .map((code) => report.summary.find((m) => m.code === code)!)
      .map((m) => [m.label, formatValue(m.value, m.unit), formatChange(m.changeFromPreviousMonth, m.percentFromPreviousMonth, m.unit)]),
  );
  table(
    doc,
    [txt('Конфликтная ситуация (распоряжение, п. 8)', 300), num('Случаев', 80)],
    report.conflicts.map((c) => [c.label, formatInt(c.count)]),
  );

  section('Системные проблемы и принятые решения');
  table(
    doc,
    [txt('Проблема', 150), num('Обращ.', 40), txt('Динамика', 56), txt('Статус', 60), txt('Решение', 120), txt('Нацпроект', 56), txt('Ответственный', 90)],
    report.problems.map((p) => [
      p.title + (p.carriedOver ? ' (выявлена ранее)' : ''),
      formatInt(p.count),
      p.trend,
      p.statusLabel,
      p.decision ?? 'Не принято',
      p.nationalProjectIndicator ?? NO_DATA,
      p.organization ?? NO_DATA,
    ]),
  );

  section('Нагрузка специалистов и предложения по штату');
  doc.text(`Норма: ${String(report.workload[0]?.norm ?? NO_DATA).replace('.', ',')} открытых обращений на специалиста.`);
  table(
    doc,
    [
      txt('Блок', 90),
      num('Открыто', 44),
      num('В работе', 44),
      num('Просроч.', 44),
      num('Ответов', 44),
      num('Ср. время, ч', 50),
      num('Работает', 46),
      num('Нужно', 40),
      txt('Предложение', 120),
    ],
    report.workload.map((w) => [
      w.name,
      formatInt(w.open),
      formatInt(w.inWork),
      formatInt(w.overdue),
      formatInt(w.answered),
      formatHours(w.avgHandlingHours),
      formatInt(w.specialistsPresent),
      formatInt(w.specialistsNeeded),
      w.proposal ?? '',
    ]),
  );
  definition(doc, DEFINITIONS.workloadOverdue);
  definition(doc, DEFINITIONS.workloadPresent);

  section('Среднее время реакции');
  table(
    doc,
    [txt('Показатель', 220), num(capitalize(report.monthLabel), 90), num(capitalize(report.previousMonthLabel), 90), num(capitalize(report.yearAgoLabel), 90)],
    ['avgResponseHours', 'medianResponseHours']
      .map((code) => report.summary.find((m) => m.code === code)!)
      .map((m) => [m.label, formatValue(m.value, m.unit), formatValue(m.previousMonth, m.unit), formatValue(m.yearAgo, m.unit)]),
  );

  section('Отраслевые показатели');
  table(
    doc,
    [txt('Показатель', 280), txt('Блок', 70), num('Значение', 70), num('Цель', 70)],
    report.kpis.map((k) => [k.name, k.sectorName, kpiValue(k.measure, k.value), kpiValue(k.measure, k.target)]),
  );

  section('Обучение специалистов органов');
  table(
    doc,
    [txt('Семинар', 170), txt('Тема', 100), txt('Дата', 60), txt('Формат', 60), num('Участников', 50), num('Органов', 44)],
    report.training.map((s) => [s.title, s.topic, formatDate(s.startsAt, zone), s.format ?? NO_DATA, formatInt(s.attendees), formatInt(s.organizations)]),
  );

  section(SURVEY_SECTION_TITLE);
  table(
    doc,
    [
      txt(SURVEY_SECTION_HEADERS[0], 130),
      num(SURVEY_SECTION_HEADERS[1], 60),
      txt(SURVEY_SECTION_HEADERS[2], 130),
      num(SURVEY_SECTION_HEADERS[3], 50),
      txt(SURVEY_SECTION_HEADERS[4], 130),
    ],
    surveySectionRows(report.residentsSaid),
  );

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor('#777')
      .text(`${report.monthLabel} · стр. ${i + 1} из ${range.count}`, MARGIN, doc.page.height - MARGIN + 8, {
        width: doc.page.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}

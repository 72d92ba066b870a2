import type { MonthlyReport } from './report.types.js';
import type { RatingRow } from '../analytics/ratings.types.js';
import { formatDecimal, formatInt, formatShare } from '../documents/report-format.js';
import { CHART_COLORS } from '../documents/svg-charts.js';
import { type Doc, ensureSpace, table, num, txt, MARGIN, pageBottom, hyphenate } from './pdf-layout.js';

/* The PDF report's charts and the rating table. */
export function columnChart(doc: Doc, report: MonthlyReport) {
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

export function barChart(doc: Doc, items: { label: string; value: number; display: string }[], color: string) {
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

export function ratingTable(doc: Doc, rows: RatingRow[]) {
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

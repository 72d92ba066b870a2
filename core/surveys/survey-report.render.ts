import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { formatDateTime, formatDecimal, formatInt, formatShare, NO_DATA } from '../documents/report-format.js';
import { CHART_COLORS } from '../documents/svg-charts.js';
import type { Survey } from './survey.entity.js';
import type { QuestionResult, SurveyResults } from './survey.types.js';

/** What a survey's files hold: the survey, its results, and the free texts as the caller may read them. */
export interface SurveyReport {
  survey: Survey;
  results: SurveyResults;
  texts: Map<string, string[]>;
}

export const METHOD_NOTE =
  'Доли — среди ответивших на вопрос; 95% доверительный интервал доли — по Уилсону; ' +
  'интервал среднего по шкале — по t-распределению Стьюдента. При взвешивании каждый муниципалитет ' +
  'учитывается по доле в численности населения, объём выборки — эффективный (Киш).';

const STATUS: Record<string, string> = { DRAFT: 'черновик', OPEN: 'идёт', CLOSED: 'завершён' };

/** Spreadsheet: figures as numbers with display formats (the monthly report's convention). */
export async function renderSurveyXlsx({ survey, results, texts }: SurveyReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ЦУР';
  const add = (name: string, columns: { header: string; width: number; numFmt?: string }[], rows: unknown[][]) => {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row);
  };
  add(
    'Опрос',
    [
      { header: 'Показатель', width: 34 },
      { header: 'Значение', width: 70 },
    ],
    [
      ['Опрос', survey.title],
      ['Статус', STATUS[survey.status]],
      ['Ответов', results.responseCount],
      ['из них по ссылкам', results.linkResponses],
      ['из них офлайн', results.importedResponses],
      ['Выдано ссылок', results.linksIssued],
      ['Отклик (ответы по ссылкам / ссылки)', results.responseRate],
      ['Взвешено по населению', results.weighted ? 'да' : 'нет'],
      ['Эффективный объём выборки', results.effectiveSampleSize],
      ['Рассчитано', results.computedAt],
      ['Методика', METHOD_NOTE],
    ],
  );
  const optionRows = (questions: QuestionResult[], prefix: unknown[] = []) =>
    questions.flatMap((q) => [
      ...q.options.map((o) => [...prefix, q.code, q.text, o.code, o.text, o.count, o.share, o.low, o.high]),
      ...(q.mean !== null ? [[...prefix, q.code, q.text, 'mean', 'Среднее', q.answered, q.mean, q.meanLow, q.meanHigh]] : []),
    ]);
  const figures = [
    { header: 'Код вопроса', width: 14 },
    { header: 'Вопрос', width: 44 },
    { header: 'Код варианта', width: 14 },
    { header: 'Вариант', width: 30 },
    { header: 'Число', width: 10, numFmt: '#,##0' },
    { header: 'Доля / среднее', width: 14, numFmt: '0.000' },
    { header: '95% от', width: 10, numFmt: '0.000' },
    { header: '95% до', width: 10, numFmt: '0.000' },
  ];
  add('Итоги', figures, optionRows(results.questions));
  add(
    'По муниципалитетам',
    [{ header: 'Муниципалитет', width: 26 }, { header: 'Ответов', width: 10, numFmt: '#,##0' }, ...figures],
    results.byMunicipality.flatMap((m) => optionRows(m.questions, [m.name, m.responseCount])),
  );
  add(
    'Свободные ответы',
    [
      { header: 'Код вопроса', width: 14 },
      { header: 'Ответ', width: 100 },
    ],
    [...texts].flatMap(([code, list]) => list.map((text) => [code, text])),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

// A font with Cyrillic glyphs from an npm package (as the monthly report): nothing downloaded at run time.
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const MARGIN = 40;

/** PDF: each question with a bar per option (share, its interval as a whisker), means, texts, the method. */
export function renderSurveyPdf({ survey, results, texts }: SurveyReport, zone: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: survey.title, Author: 'ЦУР' } });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;
  const space = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  };
  doc.font('bold').fontSize(15).fillColor('#1f3b5c').text(survey.title, { width });
  doc
    .moveDown(0.3)
    .font('regular')
    .fontSize(9)
    .fillColor('#333')
    .text(
      [
        `Статус: ${STATUS[survey.status]}. Ответов: ${formatInt(results.responseCount)} (по ссылкам ${formatInt(results.linkResponses)}, офлайн ${formatInt(results.importedResponses)}).`,
        `Выдано ссылок: ${formatInt(results.linksIssued)}, отклик: ${results.responseRate === null ? NO_DATA : formatShare(results.responseRate)}.`,
        results.weighted ? `Взвешено по численности населения; эффективный объём выборки ${formatDecimal(results.effectiveSampleSize)}.` : 'Без взвешивания.',
        `Рассчитано: ${formatDateTime(results.computedAt, zone)}.`,
      ].join(' '),
      { width },
    );
  const labelWidth = 150;
  const barWidth = width - labelWidth - 150;
  for (const q of results.questions) {
    space(60);
    doc.moveDown(0.8).font('bold').fontSize(11).fillColor('#1f3b5c').text(q.text, MARGIN, doc.y, { width });
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor('#555')
      .text(`Ответили: ${formatInt(q.answered)}`, { width });
    doc.moveDown(0.3);
    for (const o of q.options) {
      space(16);
      const y = doc.y;
      doc
        .fillColor('#222')
        .fontSize(8.5)
        .text(o.text, MARGIN, y, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
      const x = MARGIN + labelWidth;
      doc.rect(x, y + 1, barWidth, 9).fill(CHART_COLORS.grid);
      doc.rect(x, y + 1, Math.max(0.5, barWidth * o.share), 9).fill(CHART_COLORS.primary);
      doc
        .moveTo(x + barWidth * o.low, y + 5.5)
        .lineTo(x + barWidth * o.high, y + 5.5)
        .lineWidth(1)
        .strokeColor(CHART_COLORS.text)
        .stroke();
      doc.fillColor('#222').text(`${formatInt(o.count)} · ${formatShare(o.share)} (${formatShare(o.low)}–${formatShare(o.high)})`, x + barWidth + 6, y, {
        width: 144,
        lineBreak: false,
      });
      doc.y = y + 14;
    }
    if (q.mean !== null) {
      doc.x = MARGIN;
      doc
        .font('bold')
        .fontSize(9)
        .fillColor('#222')
        .text(
          `Среднее: ${formatDecimal(q.mean)}` + (q.meanLow !== null ? ` (95%: ${formatDecimal(q.meanLow)}–${formatDecimal(q.meanHigh)})` : ''),
          MARGIN,
          doc.y,
          { width },
        );
    }
    for (const text of texts.get(q.code) ?? []) {
      space(14);
      doc.font('regular').fontSize(8.5).fillColor('#333').text(`— ${text}`, MARGIN, doc.y, { width });
    }
  }
  space(60);
  doc.moveDown(1).font('bold').fontSize(10).fillColor('#1f3b5c').text('По муниципалитетам', MARGIN, doc.y, { width });
  for (const m of results.byMunicipality) {
    space(14);
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor('#222')
      .text(`${m.name}: ${formatInt(m.responseCount)}`, MARGIN, doc.y, { width });
  }
  doc.moveDown(1).font('regular').fontSize(8).fillColor('#555').text(`Методика. ${METHOD_NOTE}`, MARGIN, doc.y, { width });
  doc.end();
  return done;
}

import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';

/* The PDF report's page layout: font, hyphenation, headings, tables, definitions. */
// A font with Cyrillic glyphs, shipped inside an npm package: nothing is downloaded at run time.
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
// Russian hyphenation patterns (TeX's, in the `hyphen` package): soft hyphens, so pdfkit breaks «Здравоохра-нение», never «Здравоохране/ние».
const { hyphenateSync } = require('hyphen/ru') as { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
/** Text with soft hyphens where Russian allows a break; pdfkit prints a hyphen only where it breaks. */
export const hyphenate = (text: string) => hyphenateSync(text, { hyphenChar: '\u00ad', minWordLength: 6 });

export const MARGIN = 40;
export type Doc = PDFKit.PDFDocument;
export interface Col {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/** An A4 document with the report's fonts, and the promise of its bytes once it is ended. */
export function openDocument(title: string, author: string, compress: boolean): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, compress, info: { Title: title, Author: author } });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export function pageBottom(doc: Doc) {
  return doc.page.height - MARGIN - 14;
}

export function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

export function heading(doc: Doc, text: string) {
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
export function table(doc: Doc, cols: Col[], rows: string[][]) {
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
export function columnWidths(doc: Doc, cols: Col[], pad: number): number[] {
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
export function definition(doc: Doc, text: string) {
  doc
    .font('regular')
    .fontSize(7.5)
    .fillColor('#555')
    .text(hyphenate(text), MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN })
    .fillColor('#222')
    .fontSize(9);
  doc.moveDown(0.3);
}

export const num = (title: string, width = 60): Col => ({ title, width, align: 'right' });
export const txt = (title: string, width = 160): Col => ({ title, width });

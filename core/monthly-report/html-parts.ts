import type { RatingRow } from '../analytics/ratings.types.js';
import { CHART_COLORS, escapeHtml as esc } from '../documents/svg-charts.js';
import { formatDecimal, formatInt, formatShare } from '../documents/report-format.js';

/* The HTML report's building blocks: tables, definitions, the rating table, the page's style. */
export type Cell = string | { html: string; className?: string };

/** A table; the columns in `textColumns` are left-aligned text, the others right-aligned figures. */
export function table(headers: string[], rows: Cell[][], textColumns: number[] = [0]): string {
  const numeric = (i: number) => !textColumns.includes(i);
  const head = headers.map((h, i) => `<th${numeric(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.length
    ? rows
        .map(
          (row) =>
            `<tr>${row
              .map((cell, i) => {
                const cls = [numeric(i) ? 'num' : '', typeof cell === 'object' ? (cell.className ?? '') : ''].filter(Boolean).join(' ');
                return `<td${cls ? ` class="${cls}"` : ''}>${typeof cell === 'object' ? cell.html : esc(cell)}</td>`;
              })
              .join('')}</tr>`,
        )
        .join('')
    : `<tr><td colspan="${headers.length}" class="empty">Нет данных за месяц</td></tr>`;
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The definition printed under a figure. */
export const definition = (text: string) => `<p class="def"><small>${esc(text)}</small></p>`;

export function ratingTable(rows: RatingRow[]): string {
  return table(
    ['Место', 'Наименование', 'Оценка', 'Обращений', 'В срок', 'Качество', 'Скорость', 'Полнота', 'Удовлетв.', 'Без повторов'],
    rows.map((r) => [
      r.rank == null ? '—' : String(r.rank),
      r.name,
      { html: `<b>${formatDecimal(r.score)}</b>` },
      formatInt(r.appeals),
      ...[r.timeliness, r.quality, r.speed, r.completeness, r.satisfaction, r.repeats].map((p) => formatShare(p.value)),
    ]),
    [1],
  );
}

export const STYLE = `
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#222;margin:0;background:#f4f6f8}
main{max-width:1000px;margin:0 auto;background:#fff;padding:32px 40px 48px}
h1{font-size:24px;margin:0 0 4px;color:#1f3b5c}h2{font-size:18px;color:#1f3b5c;border-bottom:2px solid #1f5fa8;padding-bottom:4px;margin-top:36px}
.meta{color:#666;font-size:13px;margin-bottom:20px}.note{background:#fff6e0;border-left:4px solid #e08a1e;padding:8px 12px;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:10px 0}th,td{padding:5px 8px;border-bottom:1px solid #e3e7ec;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600}td.num,th.num{text-align:right}td.num{white-space:nowrap}td.wide{min-width:230px}td.empty{color:#888;text-align:center}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:16px 0}.card{border:1px solid #dde3ea;border-radius:6px;padding:10px 12px}
.card .v{font-size:24px;font-weight:700;color:#1f3b5c}.card .l{font-size:12px;color:#555}.card .c{font-size:12px;color:#666;margin-top:4px}
.def{margin:2px 0 8px}.defs{font-size:12px;color:#555;padding-left:18px}.up{color:${CHART_COLORS.bad}}.down{color:${CHART_COLORS.good}}small{color:#666}
@media print{body{background:#fff}main{padding:0}h2{break-after:avoid}table,svg{break-inside:avoid}}`;

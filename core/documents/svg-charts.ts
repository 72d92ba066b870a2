/**
 * Charts as inline SVG strings: the HTML report carries its pictures inside
 * and reads offline, with no script and no external file.
 */
const esc = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const CHART_COLORS = { primary: '#1f5fa8', secondary: '#e08a1e', muted: '#9aa5b1', good: '#2e8540', bad: '#c0392b', grid: '#e3e7ec', text: '#333' };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value)!;
  return step * power;
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** Grouped columns per category (e.g. days): received and resolved side by side. */
export function columnChart(labels: string[], series: Series[], options: { width?: number; height?: number; title: string }): string {
  const width = options.width ?? 900;
  const height = options.height ?? 260;
  const left = 44;
  const bottom = 40;
  const top = 30;
  const plotW = width - left - 10;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const slot = plotW / Math.max(labels.length, 1);
  const barW = Math.max(1, (slot * 0.8) / series.length);
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    parts.push(`<line x1="${left}" y1="${y}" x2="${width - 10}" y2="${y}" stroke="${CHART_COLORS.grid}"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="${CHART_COLORS.text}">${Math.round((max * i) / 4)}</text>`);
  }
  labels.forEach((label, i) => {
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const h = (plotH * v) / max;
      const x = left + i * slot + slot * 0.1 + k * barW;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${esc(label)}: ${esc(s.name)} ${v}</title></rect>`,
      );
    });
    const every = Math.ceil(labels.length / 16);
    if (i % every === 0) {
      parts.push(
        `<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" font-size="11" fill="${CHART_COLORS.text}">${esc(label)}</text>`,
      );
    }
  });
  const legend = series
    .map(
      (s, k) =>
        `<rect x="${left + k * 160}" y="8" width="12" height="12" fill="${s.color}"/><text x="${left + k * 160 + 18}" y="18" font-size="12" fill="${CHART_COLORS.text}">${esc(s.name)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(options.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">${legend}${parts.join('')}</svg>`;
}

/** Horizontal bars with a label and the value at the end (topics, channels, municipalities, scores). */
export function barChart(
  items: { label: string; value: number; display?: string; color?: string }[],
  options: { width?: number; title: string; max?: number },
): string {
  const width = options.width ?? 900;
  const labelW = 380;
  const rowH = 24;
  const lineH = 14;
  const max = options.max ?? niceMax(Math.max(0, ...items.map((i) => i.value)));
  const plotW = width - labelW - 90;
  // About 7 px a character at 12 px: a label longer than the column wraps onto more lines (never cut), and its row grows.
  const labels = items.map((item) => wrapWords(item.label, 52));
  const heights = labels.map((lines) => Math.max(rowH, lines.length * lineH + 10));
  const height = heights.reduce((s, h) => s + h, 0) + 10;
  let next = 5;
  const rows = items.map((item, i) => {
    const y = next;
    next += heights[i]!;
    const w = max ? (plotW * Math.max(item.value, 0)) / max : 0;
    const tspans = labels[i]!.map((line, k) => `<tspan x="${labelW - 8}" dy="${k ? lineH : 0}">${esc(line)}</tspan>`).join('');
    return (
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" font-size="12" fill="${CHART_COLORS.text}">${tspans}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${item.color ?? CHART_COLORS.primary}" rx="2"><title>${esc(item.label)}</title></rect>` +
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}" font-size="12" fill="${CHART_COLORS.text}">${esc(item.display ?? String(item.value))}</text>`
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(options.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">${rows.join('')}</svg>`;
}

/** Words into lines of at most `max` characters (a longer word stays whole on its own line). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [''];
}

export { esc as escapeHtml };

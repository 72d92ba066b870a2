import type { MonthlyReport } from './report.types.js';
import { barChart, CHART_COLORS, columnChart, escapeHtml as esc } from '../documents/svg-charts.js';
import { DEFINITIONS } from './report-definitions.js';
import { formatChange, formatDateTime, formatDecimal, formatHours, formatInt, formatShare, formatValue } from '../documents/report-format.js';
import { capitalize } from '../analytics/labels.js';
import { SURVEY_SECTION_HEADERS, SURVEY_SECTION_TITLE, surveySectionRows } from '../surveys/survey-report-section.js';
import { table, definition, ratingTable, STYLE } from './html-parts.js';
import * as rows from './report-rows.js';

/** The report as one self-contained HTML page: inline CSS and SVG, no scripts, readable offline. */
export function renderReportHtml(report: MonthlyReport, zone: string): string {
  const metric = (code: string) => report.summary.find((m) => m.code === code)!;
  const card = (code: string) => {
    const m = metric(code);
    return (
      `<div class="card"><div class="l">${esc(m.label)}</div><div class="v">${formatValue(m.value, m.unit)}</div>` +
      `<div class="c">к прошлому месяцу: ${formatChange(m.changeFromPreviousMonth, m.percentFromPreviousMonth, m.unit)}<br>к ${esc(report.yearAgoLabel)}: ${formatChange(m.changeFromYearAgo, m.percentFromYearAgo, m.unit)}</div></div>`
    );
  };
  const sections: string[] = [];
  let n = 0;
  const section = (title: string, body: string) => sections.push(`<section><h2>${++n}. ${esc(title)}</h2>${body}</section>`);

  section(
    'Итоги месяца',
    `<div class="cards">${['count', 'answered', 'onTimeRate', 'overdueAtMonthEnd', 'answeredLate', 'medianResponseHours', 'satisfactionAvg', 'negativeRate'].map(card).join('')}</div>` +
      table(
        ['Показатель', capitalize(report.monthLabel), capitalize(report.previousMonthLabel), 'Изменение', capitalize(report.yearAgoLabel), 'Изменение'],
        rows.summaryRows(report),
      ) +
      `<ul class="defs">${report.summary.map((m) => `<li><b>${esc(m.label)}</b> — ${esc(m.definition)}</li>`).join('')}</ul>`,
  );

  section(
    'Поступило и решено по дням',
    columnChart(
      report.dailyFlow.map((d) => d.day.slice(8)),
      [
        { name: 'Поступило', color: CHART_COLORS.primary, values: report.dailyFlow.map((d) => d.received) },
        { name: 'Дан ответ', color: CHART_COLORS.secondary, values: report.dailyFlow.map((d) => d.resolved) },
      ],
      { title: 'Поступило и решено по дням' },
    ) + `<p><b>Пиковые дни:</b> ${esc(rows.peakDaysText(report))}</p>`,
  );

  section(
    'Основные темы обращений',
    barChart(
      report.topCategories.map((c) => ({ label: c.label, value: c.count, display: formatInt(c.count) })),
      { title: 'Основные темы' },
    ) +
      table(
        ['Тема', 'Обращений', 'Доля', 'К прошлому месяцу', 'В срок'],
        rows.countRows(report.topCategories, (r) => [formatShare(r.onTimeRate)]),
      ),
  );

  section(
    'По муниципалитетам',
    barChart(
      report.byMunicipality.map((c) => ({ label: c.label, value: c.perTenThousand ?? 0, display: `${formatDecimal(c.perTenThousand)} на 10 тыс.` })),
      { title: 'На 10 000 жителей' },
    ) +
      table(
        ['Муниципалитет', 'Обращений', 'Доля', 'К прошлому месяцу', 'На 10 тыс. жителей', 'В срок', 'Просрочено на конец месяца', 'Оценка'],
        rows.countRows(report.byMunicipality, (r) => [
          formatDecimal(r.perTenThousand),
          formatShare(r.onTimeRate),
          formatInt(r.overdue),
          formatValue(r.satisfactionAvg, 'score'),
        ]),
      ) +
      definition(DEFINITIONS.overdueAtMonthEnd),
  );

  section(
    'По каналам поступления',
    barChart(
      report.byChannel.map((c) => ({ label: c.label, value: c.count, display: formatInt(c.count), color: CHART_COLORS.secondary })),
      { title: 'По каналам' },
    ) +
      table(
        ['Канал', 'Обращений', 'Доля', 'К прошлому месяцу', 'Медиана ответа, ч', 'В срок'],
        rows.countRows(report.byChannel, (r) => [formatHours(r.medianResponseHours), formatShare(r.onTimeRate)]),
      ),
  );

  section(
    'Органы с наибольшим числом обращений',
    table(
      ['Орган', 'Обращений', 'Доля', 'К прошлому месяцу', 'Дан ответ', 'В срок', 'Просрочено на конец месяца'],
      rows.countRows(report.topOrganizations, (r) => [formatInt(r.answered), formatShare(r.onTimeRate), formatInt(r.overdue)]),
    ) + definition(DEFINITIONS.overdueAtMonthEnd),
  );

  section('Очаги', table(['Тема', 'Муниципалитет', 'Улица', 'Обращений', 'В прошлом месяце', 'Ответственный'], rows.hotSpotRows(report), [0, 1, 2, 5]));

  section(
    'Рейтинг органов власти',
    barChart(
      report.organizationRatings
        .filter((r) => r.ranked)
        .slice(0, 15)
        .map((r) => ({ label: `${r.rank}. ${r.name}`, value: r.score, display: formatDecimal(r.score), color: CHART_COLORS.good })),
      { title: 'Рейтинг органов', max: 100 },
    ) +
      ratingTable(report.organizationRatings) +
      '<p><small>Оценка 0–100: взвешенная сумма частей; доли сглажены к среднему по всем органам, чтобы органы с малым числом обращений не занимали верх списка без оснований; «—» в графе «Место» — меньше минимального числа обращений.</small></p>',
  );
  section('Рейтинг муниципалитетов', ratingTable(report.municipalityRatings));

  section(
    'Просроченные обращения',
    `<p>Просрочено на конец месяца всего: <b>${formatInt(report.overdueTotal)}</b></p>` +
      table(
        ['Орган', 'Просрочено на конец месяца', 'Самые давние (номер, срок, просрочка)'],
        report.overdue.map((o) => [o.organization, formatInt(o.count), { html: rows.overdueAppealLines(o, zone).map(esc).join('<br>') }]),
        [0, 2],
      ) +
      definition(DEFINITIONS.overdueAtMonthEnd),
  );

  section(
    'Удовлетворённость, повторные обращения и конфликтные ситуации',
    table(['Показатель', 'Значение', 'К прошлому месяцу'], rows.satisfactionRows(report)) +
      table(['Конфликтная ситуация (распоряжение, п. 8)', 'Случаев'], rows.conflictRows(report)),
  );

  section(
    'Системные проблемы и принятые решения',
    table(['Проблема', 'Обращений', 'Динамика', 'Статус', 'Решение', 'Нацпроект', 'Ответственный'], rows.problemRows(report), [0, 2, 3, 4, 5, 6]),
  );

  section(
    'Нагрузка специалистов и предложения по штату',
    `<p>${esc(rows.workloadNorm(report))}</p>` +
      table(
        ['Отраслевой блок', 'Открыто', 'В работе', 'Просрочено', 'Ответов за месяц', 'Ср. время, ч', 'Работает', 'Нужно', 'Предложение'],
        // The staffing proposal, last, gets a wide column.
        rows.workloadRows(report).map((row) => [...row.slice(0, -1), { html: esc(row.at(-1)!), className: 'wide' }]),
        [0, 8],
      ) +
      definition(DEFINITIONS.workloadOverdue) +
      definition(DEFINITIONS.workloadPresent),
  );

  section(
    'Среднее время реакции',
    table(['Показатель', capitalize(report.monthLabel), capitalize(report.previousMonthLabel), capitalize(report.yearAgoLabel)], rows.reactionRows(report)),
  );

  section('Отраслевые показатели', table(['Показатель', 'Блок', 'Значение', 'Цель'], rows.kpiRows(report), [0, 1]));

  section('Обучение специалистов органов', table(['Семинар', 'Тема', 'Дата', 'Формат', 'Участников', 'Органов'], rows.trainingRows(report, zone), [0, 1, 3]));

  section(SURVEY_SECTION_TITLE, table(SURVEY_SECTION_HEADERS, surveySectionRows(report.residentsSaid), [0, 2, 4]));

  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${esc(report.title)}</title><style>${STYLE}</style></head><body><main>
<h1>${esc(report.title)}</h1>
<div class="meta">Период: ${esc(report.monthLabel)} · сравнение с: ${esc(report.previousMonthLabel)} и ${esc(report.yearAgoLabel)} · сформирован ${esc(formatDateTime(report.generatedAt, zone))}</div>
${report.partial ? '<p class="note">Месяц ещё не закончился: данные на момент формирования отчёта.</p>' : ''}
${sections.join('\n')}
</main></body></html>`;
}

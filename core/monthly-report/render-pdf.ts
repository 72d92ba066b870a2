import type { MonthlyReport } from './report.types.js';
import { DEFINITIONS } from './report-definitions.js';
import { formatDateTime, formatDecimal, formatHours, formatInt, formatShare, formatValue } from '../documents/report-format.js';
import { capitalize } from '../analytics/labels.js';
import { CHART_COLORS } from '../documents/svg-charts.js';
import { SURVEY_SECTION_HEADERS, SURVEY_SECTION_TITLE, surveySectionRows } from '../surveys/survey-report-section.js';
import { heading, table, num, txt, MARGIN, definition, openDocument } from './pdf-layout.js';
import { columnChart, barChart, ratingTable } from './pdf-charts.js';
import * as rows from './report-rows.js';

export function renderReportPdf(report: MonthlyReport, zone: string, author: string, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { doc, done } = openDocument(report.title, author, options.compress ?? true);

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
    rows.summaryRows(report),
  );
  for (const m of report.summary) definition(doc, `${m.label} — ${m.definition}`);

  section('Поступило и решено по дням');
  columnChart(doc, report);
  doc.text(`Пиковые дни: ${rows.peakDaysText(report)}`);

  section('Основные темы обращений');
  barChart(
    doc,
    report.topCategories.map((c) => ({ label: c.label, value: c.count, display: formatInt(c.count) })),
    CHART_COLORS.primary,
  );
  table(
    doc,
    [txt('Тема', 220), num('Обращений'), num('Доля'), num('К прошл. мес.', 70), num('В срок')],
    rows.countRows(report.topCategories, (r) => [formatShare(r.onTimeRate)]),
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
    rows.countRows(report.byMunicipality, (r) => [
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
    rows.countRows(report.byChannel, (r) => [formatHours(r.medianResponseHours), formatShare(r.onTimeRate)]),
  );

  section('Органы с наибольшим числом обращений');
  table(
    doc,
    [txt('Орган', 200), num('Обращений'), num('Доля'), num('К прошл. мес.', 70), num('Дан ответ'), num('В срок'), num('Просрочено на конец месяца', 64)],
    rows.countRows(report.topOrganizations, (r) => [formatInt(r.answered), formatShare(r.onTimeRate), formatInt(r.overdue)]),
  );
  definition(doc, DEFINITIONS.overdueAtMonthEnd);

  section('Очаги');
  table(
    doc,
    [txt('Тема', 130), txt('Муниципалитет', 90), txt('Улица', 140), num('Обращ.', 46), num('Прошл. мес.', 56), txt('Ответственный', 110)],
    rows.hotSpotRows(report),
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
    report.overdue.map((o) => [o.organization, formatInt(o.count), rows.overdueAppealLines(o, zone).join('\n')]),
  );
  definition(doc, DEFINITIONS.overdueAtMonthEnd);

  section('Удовлетворённость, повторные обращения и конфликтные ситуации');
  table(doc, [txt('Показатель', 260), num('Значение', 80), num('К прошлому месяцу', 100)], rows.satisfactionRows(report));
  table(doc, [txt('Конфликтная ситуация (распоряжение, п. 8)', 300), num('Случаев', 80)], rows.conflictRows(report));

  section('Системные проблемы и принятые решения');
  table(
    doc,
    [txt('Проблема', 150), num('Обращ.', 40), txt('Динамика', 56), txt('Статус', 60), txt('Решение', 120), txt('Нацпроект', 56), txt('Ответственный', 90)],
    rows.problemRows(report),
  );

  section('Нагрузка специалистов и предложения по штату');
  doc.text(rows.workloadNorm(report));
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
    rows.workloadRows(report),
  );
  definition(doc, DEFINITIONS.workloadOverdue);
  definition(doc, DEFINITIONS.workloadPresent);

  section('Среднее время реакции');
  table(
    doc,
    [txt('Показатель', 220), num(capitalize(report.monthLabel), 90), num(capitalize(report.previousMonthLabel), 90), num(capitalize(report.yearAgoLabel), 90)],
    rows.reactionRows(report),
  );

  section('Отраслевые показатели');
  table(doc, [txt('Показатель', 280), txt('Блок', 70), num('Значение', 70), num('Цель', 70)], rows.kpiRows(report));

  section('Обучение специалистов органов');
  table(
    doc,
    [txt('Семинар', 170), txt('Тема', 100), txt('Дата', 60), txt('Формат', 60), num('Участников', 50), num('Органов', 44)],
    rows.trainingRows(report, zone),
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

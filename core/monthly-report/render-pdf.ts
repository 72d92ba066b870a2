import type { MonthlyReport } from './report.types.js';
import { DEFINITIONS } from './report-definitions.js';
import { countRu, DAYS } from '../text/plural.js';
import {
  kpiValue,
  formatCountChange,
  formatChange,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatHours,
  formatInt,
  formatShare,
  formatValue,
  NO_DATA,
} from '../documents/report-format.js';
import { capitalize } from '../analytics/labels.js';
import { CHART_COLORS } from '../documents/svg-charts.js';
import { SURVEY_SECTION_HEADERS, SURVEY_SECTION_TITLE, surveySectionRows } from '../surveys/survey-report-section.js';
import { heading, table, num, txt, MARGIN, definition, openDocument } from './pdf-layout.js';
import { columnChart, barChart, ratingTable } from './pdf-charts.js';

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

  section('Основные темы обращений');
  barChart(
    doc,
    report.topCategories.map((c) => ({ label: c.label, value: c.count, display: formatInt(c.count) })),
    CHART_COLORS.primary,
  );
  table(
    doc,
    [txt('Тема', 220), num('Обращений'), num('Доля'), num('К прошл. мес.', 70), num('В срок')],
    report.topCategories.map((r) => [
      r.label,
      formatInt(r.count),
      formatShare(r.share),
      formatCountChange(r.count, r.previousMonth),
      formatShare(r.onTimeRate),
    ]),
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
      formatCountChange(r.count, r.previousMonth),
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
      formatCountChange(r.count, r.previousMonth),
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
      formatCountChange(r.count, r.previousMonth),
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

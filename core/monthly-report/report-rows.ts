import type { MonthlyReport, ReportCount, ReportOverdue } from './report.types.js';
import { countRu, DAYS } from '../text/plural.js';
import {
  formatChange,
  formatCountChange,
  formatDate,
  formatHours,
  formatInt,
  formatShare,
  formatValue,
  kpiValue,
  NO_DATA,
} from '../documents/report-format.js';

/* The rows the HTML and the PDF report print alike, as plain text; each renderer adds its own layout (and HTML its escaping). */

const metrics = (report: MonthlyReport, codes: string[]) => codes.map((code) => report.summary.find((m) => m.code === code)!);

/** Each summary figure: this month, the previous one and the change, a year ago and the change. */
export const summaryRows = (report: MonthlyReport): string[][] =>
  report.summary.map((m) => [
    m.label,
    formatValue(m.value, m.unit),
    formatValue(m.previousMonth, m.unit),
    formatChange(m.changeFromPreviousMonth, m.percentFromPreviousMonth, m.unit),
    formatValue(m.yearAgo, m.unit),
    formatChange(m.changeFromYearAgo, m.percentFromYearAgo, m.unit),
  ]);

export const peakDaysText = (report: MonthlyReport) => report.peakDays.map((d) => `${d.label} — ${formatInt(d.received)}`).join('; ') || NO_DATA;

/** A breakdown row: label, count, share, change from the previous month, then the section's own columns. */
export function countRows(rows: ReportCount[], extra: (r: ReportCount) => string[]): string[][] {
  return rows.map((r) => [r.label, formatInt(r.count), formatShare(r.share), formatCountChange(r.count, r.previousMonth), ...extra(r)]);
}

export const hotSpotRows = (report: MonthlyReport): string[][] =>
  report.hotSpots.map((h) => [
    h.category,
    h.municipality ?? NO_DATA,
    h.address ?? NO_DATA,
    formatInt(h.count),
    formatInt(h.previousMonth),
    h.organization ?? NO_DATA,
  ]);

/** The oldest overdue appeals of a body, one line each: number, deadline, days overdue. */
export const overdueAppealLines = (o: ReportOverdue, zone: string) =>
  o.appeals.map((a) => `${a.number} — ${formatDate(a.dueAt, zone)} (${countRu(a.daysOverdue, DAYS)})`);

/** Satisfaction, repeats and returns: the value and its change from the previous month. */
export const satisfactionRows = (report: MonthlyReport): string[][] =>
  metrics(report, ['satisfactionAvg', 'negativeRate', 'repeatRate', 'returnedRate']).map((m) => [
    m.label,
    formatValue(m.value, m.unit),
    formatChange(m.changeFromPreviousMonth, m.percentFromPreviousMonth, m.unit),
  ]);

export const conflictRows = (report: MonthlyReport): string[][] => report.conflicts.map((c) => [c.label, formatInt(c.count)]);

export const problemRows = (report: MonthlyReport): string[][] =>
  report.problems.map((p) => [
    p.title + (p.carriedOver ? ' (выявлена ранее)' : ''),
    formatInt(p.count),
    p.trend,
    p.statusLabel,
    p.decision ?? 'Не принято',
    p.nationalProjectIndicator ?? NO_DATA,
    p.organization ?? NO_DATA,
  ]);

export const workloadNorm = (report: MonthlyReport) =>
  `Норма: ${String(report.workload[0]?.norm ?? NO_DATA).replace('.', ',')} открытых обращений на специалиста.`;

/** Per sector block; the last column is the staffing proposal. */
export const workloadRows = (report: MonthlyReport): string[][] =>
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
  ]);

/** Average and median response time: this month, the previous one, a year ago. */
export const reactionRows = (report: MonthlyReport): string[][] =>
  metrics(report, ['avgResponseHours', 'medianResponseHours']).map((m) => [
    m.label,
    formatValue(m.value, m.unit),
    formatValue(m.previousMonth, m.unit),
    formatValue(m.yearAgo, m.unit),
  ]);

export const kpiRows = (report: MonthlyReport): string[][] =>
  report.kpis.map((k) => [k.name, k.sectorName, kpiValue(k.measure, k.value), kpiValue(k.measure, k.target)]);

export const trainingRows = (report: MonthlyReport, zone: string): string[][] =>
  report.training.map((s) => [s.title, s.topic, formatDate(s.startsAt, zone), s.format ?? NO_DATA, formatInt(s.attendees), formatInt(s.organizations)]);

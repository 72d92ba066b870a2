/** Numbers as a Russian reader expects them: «1 234», «85,3 %», «12,5 ч». */
const integer = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDigits = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// Intl puts a narrow no-break space between thousands; PDF fonts may lack it, so use a plain no-break space.
const nbsp = (text: string) => text.replace(/\u202f/g, '\u00a0');

export const NO_DATA = '—';

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value == null) return NO_DATA;
  switch (unit) {
    case 'share':
      return nbsp(`${decimal.format(value * 100)} %`);
    case 'hours':
      return nbsp(decimal.format(value));
    case 'score':
      return nbsp(twoDigits.format(value));
    default:
      return nbsp(integer.format(value));
  }
}

/**
 * The change a reader is shown, the same in HTML, PDF and XLSX: a count in
 * per cent of the previous value (in items when that was 0), a share in
 * percentage points, hours and scores as the difference. `value` is what is
 * printed, rounded as printed.
 */
export interface ShownChange {
  value: number;
  kind: 'percent' | 'points' | 'count' | 'hours' | 'score';
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function shownChange(delta: number | null, percent: number | null, unit: string): ShownChange | null {
  if (delta == null) return null;
  if (unit === 'count') return percent == null ? { value: delta, kind: 'count' } : { value: round(percent, 1), kind: 'percent' };
  if (unit === 'share') return { value: round(delta * 100, 1), kind: 'points' };
  if (unit === 'score') return { value: round(delta, 2), kind: 'score' };
  return { value: round(delta, 1), kind: 'hours' };
}

/** «+12,5 %», «−3,0 п. п.», «+4» — the change a reader looks for. */
export function formatChange(delta: number | null, percent: number | null, unit: string): string {
  const shown = shownChange(delta, percent, unit);
  if (!shown) return NO_DATA;
  const v = shown.value;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const abs = Math.abs(v);
  switch (shown.kind) {
    case 'count':
      return nbsp(`${sign}${integer.format(abs)}`);
    case 'percent':
      return nbsp(`${sign}${decimal.format(abs)} %`);
    case 'points':
      return nbsp(`${sign}${decimal.format(abs)} п. п.`);
    case 'score':
      return nbsp(`${sign}${twoDigits.format(abs)}`);
    default:
      return nbsp(`${sign}${decimal.format(abs)}`);
  }
}

/** A count's change from the previous month, as the breakdown tables show it. */
export function countChange(current: number, previous: number | null): { delta: number | null; percent: number | null } {
  if (previous == null) return { delta: null, percent: null };
  const delta = current - previous;
  return { delta, percent: previous ? (delta / previous) * 100 : null };
}

export const formatInt = (value: number | null | undefined) => formatValue(value, 'count');
export const formatShare = (value: number | null | undefined) => formatValue(value, 'share');
export const formatHours = (value: number | null | undefined) => formatValue(value, 'hours');
export const formatDecimal = (value: number | null | undefined) => (value == null ? NO_DATA : nbsp(decimal.format(value)));

export function formatDateTime(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
}

export function formatDate(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
}

/** A KPI's value as the report prints it: shares as percentages, the satisfaction as a score, hours, counts. */
export function kpiValue(measure: string, value: number | null): string {
  if (value == null) return NO_DATA;
  if (measure === 'onTimeRate' || measure === 'overdueShare' || measure === 'repeatRate') return formatShare(value);
  if (measure === 'satisfactionAvg') return formatValue(value, 'score');
  if (measure === 'medianResponseHours') return formatHours(value);
  return formatInt(value);
}

/** A count's change from a previous one, as printed: «+12 (+8 %)». */
export function formatCountChange(current: number, previous: number | null): string {
  const { delta, percent } = countChange(current, previous);
  return formatChange(delta, percent, 'count');
}

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

/** «+12,5 %», «−3,0 п. п.», «+4» — the change a reader looks for. */
export function formatChange(delta: number | null, percent: number | null, unit: string): string {
  if (delta == null) return NO_DATA;
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');
  if (unit === 'count') {
    return percent == null ? nbsp(`${sign(delta)}${integer.format(Math.abs(delta))}`) : nbsp(`${sign(percent)}${decimal.format(Math.abs(percent))} %`);
  }
  if (unit === 'share') return nbsp(`${sign(delta)}${decimal.format(Math.abs(delta * 100))} п. п.`);
  if (unit === 'score') return nbsp(`${sign(delta)}${twoDigits.format(Math.abs(delta))}`);
  return nbsp(`${sign(delta)}${decimal.format(Math.abs(delta))}`);
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

import { CHANNEL_LABELS, NOT_SET_LABEL, STATUS_LABELS, dayLabel, monthLabel, weekLabel } from './labels.js';
import type { AppealStatus, Channel } from '../entities/enums.js';
import { registerEnum } from '../graphql/register-enum.js';

/** The slices of `stats` (API.md); the decree's "configurable statistical slices" (clause 5). */
export enum StatsDimension {
  SECTOR = 'SECTOR',
  CATEGORY = 'CATEGORY',
  ORGANIZATION = 'ORGANIZATION',
  MUNICIPALITY = 'MUNICIPALITY',
  CHANNEL = 'CHANNEL',
  STATUS = 'STATUS',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnum(StatsDimension, 'StatsDimension', 'Разрез статистики; календарные разрезы — по времени поступления в часовом поясе региона (TIME_ZONE)', {
  SECTOR: 'Отраслевой блок',
  CATEGORY: 'Рубрика',
  ORGANIZATION: 'Ответственный орган',
  MUNICIPALITY: 'Муниципальное образование',
  CHANNEL: 'Канал поступления',
  STATUS: 'Текущий статус',
  DAY: 'День поступления',
  WEEK: 'Неделя поступления (с понедельника)',
  MONTH: 'Месяц поступления',
});

export interface DimensionSpec {
  /** The group key over `appeal as a`; `tz` is the quoted time-zone literal. */
  key(tz: string): string;
  /** A reference table to take the label from (joined on id), with its label column. */
  table?: { name: string; label: string };
  /** Label of a key that is not a reference row. */
  label?(key: string): string;
  /** Calendar dimensions sort by key, others by label. */
  chronological?: boolean;
  /**
   * Calendar keys group on the truncated local time (8 bytes, fast to sort)
   * and are formatted as text only once per group, with this pattern.
   */
  format?: string;
}

const calendar = (unit: 'day' | 'week' | 'month') => (tz: string) => `date_trunc('${unit}', a.received_at at time zone ${tz})`;

export const DIMENSIONS: Record<StatsDimension, DimensionSpec> = {
  SECTOR: { key: () => 'a.sector_id', table: { name: 'sector', label: 'name' } },
  CATEGORY: { key: () => 'a.category_id', table: { name: 'category', label: 'name' } },
  ORGANIZATION: { key: () => 'a.organization_id', table: { name: 'organization', label: 'short_name' } },
  MUNICIPALITY: { key: () => 'a.municipality_id', table: { name: 'municipality', label: 'short_name' } },
  CHANNEL: { key: () => 'a.channel', label: (key) => CHANNEL_LABELS[key as Channel] ?? key },
  STATUS: { key: () => 'a.status', label: (key) => STATUS_LABELS[key as AppealStatus] ?? key },
  DAY: { key: calendar('day'), format: 'YYYY-MM-DD', label: dayLabel, chronological: true },
  WEEK: { key: calendar('week'), format: 'YYYY-MM-DD', label: weekLabel, chronological: true },
  MONTH: { key: calendar('month'), format: 'YYYY-MM', label: monthLabel, chronological: true },
};

export function labelOf(dimension: StatsDimension, key: string | null, tableLabel: string | null): string {
  if (key == null) return NOT_SET_LABEL;
  const spec = DIMENSIONS[dimension];
  if (spec.table) return tableLabel ?? key;
  return spec.label ? spec.label(key) : key;
}

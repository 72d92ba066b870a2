import { AnalyticsRollupCell } from './rollup-cell.entity.js';
import { AnalyticsRollupMonth } from './rollup-month.entity.js';
import { AnalyticsDirtyMark } from './dirty-mark.entity.js';

/** The tables of the analytics rollup (see rollup.service.ts). */
export const rollupEntities = [AnalyticsRollupCell, AnalyticsRollupMonth, AnalyticsDirtyMark];

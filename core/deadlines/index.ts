/** The deadline engine: pure, no database. See the files for the law behind each rule. */
export * from './production-year.js';
export * from './working-calendar.js';
export * from './deadline-errors.js';
export * from './deadline-rules.js';
export * from './deadline-engine.js';
export { deadlineDurationSchema, deadlinePolicySchema } from './deadline-policy.js';

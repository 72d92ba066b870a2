import { readFileSync } from 'node:fs';
import { configSchema } from './config.js';

/**
 * The configuration page (docs/configuration.md) is written from the config
 * schema (core/config/config.ts): its variables in order, the schema's
 * defaults, and the meaning of each from config-docs.json. `npm run
 * config:print` rewrites the table; a test fails while it is stale or while
 * a variable has no meaning written.
 */
export const CONFIG_START = '<!-- config:start -->';
export const CONFIG_END = '<!-- config:end -->';

interface VariableDoc {
  /** Where the schema has no default of its own (derived, or required): what applies. */
  default?: string;
  meaning: string;
}

export function configDocs(): Record<string, VariableDoc> {
  return JSON.parse(readFileSync(new URL('./config-docs.json', import.meta.url), 'utf8')) as Record<string, VariableDoc>;
}

/** The schema's default of one variable, as the environment would spell it; null when it has none. */
function schemaDefault(name: string): string | null {
  const def = (configSchema.shape as Record<string, { _zod: { def: { type: string; defaultValue?: unknown } } }>)[name]._zod.def;
  if (def.type !== 'default') return null;
  const value = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
  return String(value);
}

/** Variables of the schema without a meaning, and meanings of no variable. */
export function configDocGaps(docs = configDocs()): { undocumented: string[]; unknown: string[] } {
  const names = Object.keys(configSchema.shape);
  return { undocumented: names.filter((name) => !docs[name]?.meaning), unknown: Object.keys(docs).filter((name) => !names.includes(name)) };
}

export function renderConfigTable(docs = configDocs()): string {
  const rows = Object.keys(configSchema.shape).map((name) => {
    const doc = docs[name] ?? { meaning: '' };
    const fromSchema = schemaDefault(name);
    const shown = doc.default ?? (fromSchema === null ? '—' : `\`${fromSchema}\``);
    return `| \`${name}\` | ${shown} | ${doc.meaning} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The page with the table put between its markers; throws when the markers are missing. */
export function withConfigTable(page: string, table: string): string {
  const start = page.indexOf(CONFIG_START);
  const end = page.indexOf(CONFIG_END);
  if (start < 0 || end < start) throw new Error(`docs/configuration.md lacks the markers ${CONFIG_START} and ${CONFIG_END}`);
  return `${page.slice(0, start + CONFIG_START.length)}\n${table}\n${page.slice(end)}`;
}

export function configTableIn(page: string): string | null {
  const start = page.indexOf(CONFIG_START);
  const end = page.indexOf(CONFIG_END);
  return start < 0 || end < start ? null : page.slice(start + CONFIG_START.length, end).trim();
}

import { z } from 'zod';
import type { SectorPlugin } from '../plugin-api/index.js';

/** One service of GeoReport v2 `services.json`: a category of an enabled sector plugin. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface Open311Attribute {
  variable: true;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** Every category of the enabled plugins; `group` is the sector's name. */
export function listServices(plugins: readonly SectorPlugin[]): Open311Service[] {
  return plugins.flatMap((plugin) =>
    plugin.categories.map((category) => ({
      service_code: category.code,
      service_name: category.name,
      description: category.federalCode ? `${category.name} (классификатор: ${category.federalCode})` : category.name,
      metadata: Boolean(plugin.details),
      type: 'realtime' as const,
      keywords: category.keywords.join(', '),
      group: plugin.name.ru,
    })),
  );
}

export function findService(plugins: readonly SectorPlugin[], code: string): { plugin: SectorPlugin; name: string } | null {
  for (const plugin of plugins) {
    const category = plugin.categories.find((c) => c.code === code);
    if (category) return { plugin, name: category.name };
  }
  return null;
}

interface JsonSchemaProperty {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  description?: string;
  items?: JsonSchemaProperty;
  anyOf?: JsonSchemaProperty[];
  /** A plugin's words for its list values: `.meta({ valueNames: { code: 'Название' } })`. */
  valueNames?: Record<string, string>;
}

/** What a value must look like, in words, for the formats the plugins' fields use. */
const FORMAT_WORDS: Record<string, string> = {
  date: 'Дата в формате ГГГГ-ММ-ДД',
  'date-time': 'Дата и время в формате ISO 8601, например 2026-03-14T08:30:00+03:00',
  uuid: 'Идентификатор (UUID) записи справочника',
  email: 'Адрес электронной почты',
};

function datatypeOf(property: JsonSchemaProperty): Pick<Open311Attribute, 'datatype' | 'values'> {
  const p = property.anyOf?.find((alt) => alt.type !== 'null') ?? property;
  const names = property.valueNames ?? p.valueNames ?? p.items?.valueNames ?? {};
  const values = (list: unknown[]) => list.map((v) => ({ key: String(v), name: names[String(v)] ?? String(v) }));
  if (p.enum) return { datatype: 'singlevaluelist', values: values(p.enum) };
  if (p.type === 'array' && p.items?.enum) return { datatype: 'multivaluelist', values: values(p.items.enum) };
  if (p.type === 'number' || p.type === 'integer') return { datatype: 'number' };
  if (p.type === 'string' && p.format === 'date-time') return { datatype: 'datetime' };
  return { datatype: 'string' };
}

/**
 * The service definition: its attributes are the owning plugin's details
 * fields (read from the plugin's zod schema), so a 311 client can fill them.
 */
export function serviceAttributes(plugin: SectorPlugin): Open311Attribute[] {
  if (!plugin.details) return [];
  let schema: { properties?: Record<string, JsonSchemaProperty>; required?: string[] };
  try {
    schema = z.toJSONSchema(plugin.details.schema, { unrepresentable: 'any', io: 'input' }) as typeof schema;
  } catch {
    return [];
  }
  return Object.entries(schema.properties ?? {}).map(([code, property], index) => ({
    variable: true,
    code,
    ...datatypeOf(property),
    required: schema.required?.includes(code) ?? false,
    datatype_description: FORMAT_WORDS[(property.anyOf?.find((alt) => alt.type !== 'null') ?? property).format ?? ''] ?? null,
    order: index + 1,
    description: property.description ?? code,
  }));
}

/**
 * Attribute values arrive as text; numbers are read as numbers where the
 * plugin's schema says so, and a multivaluelist is always a list (one value
 * sent as `attribute[code]` included); a list for a single-value attribute
 * is left as is, for the plugin's schema to refuse with the field named.
 */
export function coerceAttributes(plugin: SectorPlugin, values: Record<string, string | string[]>): Record<string, unknown> {
  const types = new Map(serviceAttributes(plugin).map((a) => [a.code, a.datatype]));
  const coerce = (code: string, value: string | string[]): unknown => {
    const datatype = types.get(code);
    if (datatype === 'multivaluelist') return [value].flat();
    if (typeof value !== 'string') return value;
    return datatype === 'number' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  };
  return Object.fromEntries(Object.entries(values).map(([code, value]) => [code, coerce(code, value)]));
}

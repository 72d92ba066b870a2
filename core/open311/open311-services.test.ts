import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allPlugins } from '../../plugins/index.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import { coerceAttributes, serviceAttributes } from './open311-services.js';
import { attributesOf } from './open311-routes.js';

/** A plugin as far as the service definition reads it: its details schema. */
const probe = (schema: z.ZodType) => ({ details: { schema } }) as unknown as SectorPlugin;

const listProbe = probe(
  z.strictObject({
    damage: z
      .array(z.enum(['pothole', 'crack', 'rut']))
      .optional()
      .meta({ description: 'Виды повреждений', valueNames: { pothole: 'Яма', crack: 'Трещина', rut: 'Колея' } }),
    lanes: z.number().optional().describe('Число полос'),
    seenOn: z.iso.date().optional().describe('Дата, когда замечено'),
  }),
);

describe('Open311 service definitions', () => {
  it('describes every attribute of every sector plugin in words, not by its code', () => {
    const attributes = allPlugins.flatMap((plugin) => serviceAttributes(plugin).map((a) => ({ plugin: plugin.code, ...a })));
    expect(attributes.length).toBeGreaterThan(20);
    for (const a of attributes) {
      expect(a.description, `${a.plugin}.${a.code}`).not.toBe(a.code);
      expect(a.description, `${a.plugin}.${a.code}`).toMatch(/[а-яё]{3}/i);
    }
  });

  it("names list values with the plugin's words and says what a formatted value looks like", () => {
    const [damage, lanes, seenOn] = serviceAttributes(listProbe);
    expect(damage).toMatchObject({
      code: 'damage',
      datatype: 'multivaluelist',
      description: 'Виды повреждений',
      values: [
        { key: 'pothole', name: 'Яма' },
        { key: 'crack', name: 'Трещина' },
        { key: 'rut', name: 'Колея' },
      ],
    });
    expect(lanes).toMatchObject({ datatype: 'number', description: 'Число полос', datatype_description: null });
    expect(seenOn).toMatchObject({ datatype: 'string', datatype_description: 'Дата в формате ГГГГ-ММ-ДД' });
  });
});

describe('Open311 attribute values', () => {
  it("reads attribute[code][] as a list, attribute[code] as one value, and a JSON body's attribute object", () => {
    expect(attributesOf({ 'attribute[damage][]': ['pothole', 'rut'], 'attribute[lanes]': '2', description: 'x' })).toEqual({
      damage: ['pothole', 'rut'],
      lanes: '2',
    });
    expect(attributesOf({ 'attribute[damage][]': 'crack' })).toEqual({ damage: ['crack'] });
    // A repeated single-value attribute keeps the last value, as a form does.
    expect(attributesOf({ 'attribute[lanes]': ['1', '3'] })).toEqual({ lanes: '3' });
    expect(attributesOf({ attribute: { damage: ['crack'], lanes: 4 } })).toEqual({ damage: ['crack'], lanes: '4' });
  });

  it("coerces by the plugin's datatypes: a multivaluelist is always a list, numbers are numbers", () => {
    expect(coerceAttributes(listProbe, { damage: 'crack', lanes: '2', seenOn: '2026-11-30' })).toEqual({ damage: ['crack'], lanes: 2, seenOn: '2026-11-30' });
    expect(coerceAttributes(listProbe, { damage: ['crack', 'rut'], lanes: 'two' })).toEqual({ damage: ['crack', 'rut'], lanes: 'two' });
    // A list sent for a single value stays a list, for the plugin's schema to refuse with the field named.
    expect(listProbe.details!.schema.safeParse(coerceAttributes(listProbe, { lanes: ['1', '2'] })).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../plugin-api/index.js';
import { allPlugins } from '../../../plugins/index.js';
import { composePosClassifier } from './pos-categories.js';

const plugin = (code: string, posCategories: Record<string, Record<string, string>>) =>
  defineSectorPlugin({
    code,
    name: { ru: code, en: code },
    apiVersion: PLUGIN_API_VERSION,
    categories: [{ code: `${code}.one`, name: 'Одна', keywords: ['одна'] }],
    posCategories,
  });

describe('the ПОС classifier composed from the plugins', () => {
  it("maps by the enabled plugins only; a shared platform category keeps each plugin's subcategories", () => {
    const all = composePosClassifier(allPlugins);
    expect(all('Благоустройство', 'Уличное освещение')).toBe('energy.street-lighting');
    expect(all('Благоустройство', 'Детские площадки')).toBe('housing.yard-improvement');
    // No plugin maps «Благоустройство / *» or «Культура»: structuring decides.
    expect(all('Благоустройство', 'Что-то ещё')).toBeNull();
    expect(all('Культура', null)).toBeNull();
    const withoutEnergy = composePosClassifier(allPlugins.filter((p) => p.code !== 'energy'));
    expect(withoutEnergy('Благоустройство', 'Уличное освещение')).toBeNull();
    expect(withoutEnergy('Электроснабжение', 'Перепады напряжения')).toBeNull();
  });

  it('refuses two plugins mapping one subcategory', () => {
    const a = plugin('alpha', { Общее: { Скамейки: 'alpha.one' } });
    const b = plugin('beta', { общее: { скамейки: 'beta.one' } });
    expect(() => composePosClassifier([a, b])).toThrow(/«общее \/ скамейки» is mapped by plugins alpha and beta/);
    expect(() => composePosClassifier([a, plugin('gamma', { Общее: { Урны: 'gamma.one' } })])).not.toThrow();
  });
});

describe('defineSectorPlugin', () => {
  it("refuses ПОС names mapped to another sector's code", () => {
    expect(() => plugin('alpha', { Дороги: { '*': 'roads' } })).toThrow(
      /ПОС «Дороги \/ \*» maps to "roads", which is neither the plugin's code nor one of its categories/,
    );
    expect(() => plugin('alpha', { Дороги: { Ямы: 'alpha.none' } })).toThrow(/alpha\.none/);
  });

  it('refuses a migration whose name carries no timestamp', () => {
    class Some {}
    const define = (name: string) =>
      defineSectorPlugin({
        code: 'alpha',
        name: { ru: 'а', en: 'a' },
        apiVersion: PLUGIN_API_VERSION,
        categories: [],
        migrations: [{ name, class: Some as never }],
      });
    expect(() => define('create_alpha_table')).toThrow(/must be named Migration<yyyyMMddHHmmss>_<snake_name>/);
    expect(() => define('Migration20270101120000_alpha')).not.toThrow();
  });
});

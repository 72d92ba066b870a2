/**
 * Reference data of the energy sector for the Mari El Republic: the grid,
 * supply and gas companies residents name in appeals.
 *
 * The real companies are listed without INNs (to be taken from ЕГРЮЛ by the
 * seed rather than guessed here). Local grid operators whose names are not
 * known here are invented and flagged `demo: true`.
 */

export type EnergyCompanyKind = 'GRID' | 'ELECTRICITY_SUPPLIER' | 'GAS_DISTRIBUTION' | 'GAS_SUPPLIER' | 'HEAT_SUPPLIER';

export interface EnergyCompanyRecord {
  name: string;
  shortName: string;
  kind: EnergyCompanyKind;
  /** Municipalities it serves; absent means the whole republic. */
  municipalityCodes?: string[];
  /** INN of a legal entity, 10 digits, where known. */
  inn?: string;
  /** Round-the-clock line residents are told to call, where known. */
  hotline?: string;
  demo?: boolean;
}

export const energyCompanies: EnergyCompanyRecord[] = [
  {
    name: 'Филиал ПАО «Россети Центр и Приволжье» — «Мариэнерго»',
    shortName: 'Мариэнерго',
    kind: 'GRID',
    hotline: '8-800-220-0-220',
  },
  {
    name: 'ПАО «ТНС энерго Марий Эл»',
    shortName: 'ТНС энерго Марий Эл',
    kind: 'ELECTRICITY_SUPPLIER',
  },
  {
    name: 'АО «Газпром газораспределение Йошкар-Ола»',
    shortName: 'Газпром газораспределение Йошкар-Ола',
    kind: 'GAS_DISTRIBUTION',
    hotline: '104',
  },
  {
    name: 'ООО «Газпром межрегионгаз Йошкар-Ола»',
    shortName: 'Газпром межрегионгаз Йошкар-Ола',
    kind: 'GAS_SUPPLIER',
  },
  {
    name: 'Филиал «Марий Эл и Чувашии» ПАО «Т Плюс»',
    shortName: 'Т Плюс',
    kind: 'HEAT_SUPPLIER',
    municipalityCodes: ['yoshkar-ola'],
  },
  {
    name: 'МУП «Городские электрические сети» г. Йошкар-Олы',
    shortName: 'Горэлектросети Йошкар-Олы',
    kind: 'GRID',
    municipalityCodes: ['yoshkar-ola'],
    inn: '1215696975',
    demo: true,
  },
  {
    name: 'ООО «Волжская электросетевая компания»',
    shortName: 'Волжская ЭСК',
    kind: 'GRID',
    municipalityCodes: ['volzhsk', 'volzhsky'],
    inn: '1216796806',
    demo: true,
  },
];

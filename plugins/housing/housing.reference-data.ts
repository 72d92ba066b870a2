/**
 * Reference data of the housing sector for the Mari El Republic: management
 * organizations and the apartment buildings they manage.
 *
 * Streets and towns are real; the companies, their INNs and the buildings'
 * particulars (year, floors, manager) are invented for demonstration and
 * flagged `demo: true`. The INNs carry the Mari El region prefix 12 and a valid
 * check digit, so they pass an INN checksum like real ones would.
 */

export interface ManagementCompanyRecord {
  name: string;
  /** INN of a legal entity: 10 digits. */
  inn: string;
  municipalityCode: string;
  demo?: boolean;
}

export interface ApartmentBuildingRecord {
  address: string;
  municipalityCode: string;
  yearBuilt: number;
  floors: number;
  managementCompanyInn: string;
  demo?: boolean;
}

export const managementCompanies: ManagementCompanyRecord[] = [
  { name: 'ООО «УК «Домострой»', inn: '1215748528', municipalityCode: 'yoshkar-ola', demo: true },
  { name: 'ООО «Управляющая компания «Заречье»', inn: '1215605745', municipalityCode: 'yoshkar-ola', demo: true },
  { name: 'ООО «УК «Сомбатхей»', inn: '1215793802', municipalityCode: 'yoshkar-ola', demo: true },
  { name: 'ООО «Жилсервис-Центр»', inn: '1215927527', municipalityCode: 'yoshkar-ola', demo: true },
  { name: 'ООО «УК «Кокшага»', inn: '1215530930', municipalityCode: 'yoshkar-ola', demo: true },
  { name: 'ООО «УК «Волжский дом»', inn: '1216185613', municipalityCode: 'volzhsk', demo: true },
  { name: 'ООО «Управляющая компания «Жилкомфорт»', inn: '1216008318', municipalityCode: 'volzhsk', demo: true },
  { name: 'ООО «УК «Горный берег»', inn: '1217671623', municipalityCode: 'kozmodemyansk', demo: true },
  { name: 'ООО «Медведевское ЖЭУ»', inn: '1207859827', municipalityCode: 'medvedevsky', demo: true },
  { name: 'ТСЖ «Прибрежное»', inn: '1203082811', municipalityCode: 'zvenigovsky', demo: true },
];

const DOMOSTROY = '1215748528';
const ZARECHYE = '1215605745';
const SOMBATHEY = '1215793802';
const ZHILSERVIS = '1215927527';
const KOKSHAGA = '1215530930';
const VOLZHSKY_DOM = '1216185613';
const ZHILKOMFORT = '1216008318';
const GORNY_BEREG = '1217671623';
const MEDVEDEVO_ZHEU = '1207859827';
const PRIBREZHNOE = '1203082811';

export const apartmentBuildings: ApartmentBuildingRecord[] = [
  {
    address: 'г. Йошкар-Ола, Ленинский проспект, д. 24',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 1968,
    floors: 5,
    managementCompanyInn: ZHILSERVIS,
    demo: true,
  },
  {
    address: 'г. Йошкар-Ола, ул. Карла Маркса, д. 109',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 1975,
    floors: 9,
    managementCompanyInn: ZHILSERVIS,
    demo: true,
  },
  { address: 'г. Йошкар-Ола, ул. Панфилова, д. 37', municipalityCode: 'yoshkar-ola', yearBuilt: 1981, floors: 9, managementCompanyInn: DOMOSTROY, demo: true },
  {
    address: 'г. Йошкар-Ола, ул. Красноармейская, д. 46',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 1963,
    floors: 4,
    managementCompanyInn: ZHILSERVIS,
    demo: true,
  },
  {
    address: 'г. Йошкар-Ола, ул. Машиностроителей, д. 8',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 1972,
    floors: 5,
    managementCompanyInn: DOMOSTROY,
    demo: true,
  },
  { address: 'г. Йошкар-Ола, бульвар Чавайна, д. 30', municipalityCode: 'yoshkar-ola', yearBuilt: 1979, floors: 9, managementCompanyInn: KOKSHAGA, demo: true },
  {
    address: 'г. Йошкар-Ола, ул. Йывана Кырли, д. 21',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 1989,
    floors: 10,
    managementCompanyInn: SOMBATHEY,
    demo: true,
  },
  { address: 'г. Йошкар-Ола, ул. Петрова, д. 13', municipalityCode: 'yoshkar-ola', yearBuilt: 1992, floors: 9, managementCompanyInn: SOMBATHEY, demo: true },
  { address: 'г. Йошкар-Ола, ул. Эшкинина, д. 10б', municipalityCode: 'yoshkar-ola', yearBuilt: 2008, floors: 12, managementCompanyInn: KOKSHAGA, demo: true },
  { address: 'г. Йошкар-Ола, ул. Осипенко, д. 52', municipalityCode: 'yoshkar-ola', yearBuilt: 1958, floors: 3, managementCompanyInn: ZARECHYE, demo: true },
  {
    address: 'г. Йошкар-Ола, ул. Первомайская, д. 136',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 1970,
    floors: 5,
    managementCompanyInn: ZARECHYE,
    demo: true,
  },
  {
    address: 'г. Йошкар-Ола, ул. Советская, д. 163',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 1966,
    floors: 5,
    managementCompanyInn: ZHILSERVIS,
    demo: true,
  },
  { address: 'г. Йошкар-Ола, ул. Строителей, д. 19', municipalityCode: 'yoshkar-ola', yearBuilt: 1977, floors: 9, managementCompanyInn: DOMOSTROY, demo: true },
  { address: 'г. Йошкар-Ола, ул. Баумана, д. 13а', municipalityCode: 'yoshkar-ola', yearBuilt: 1986, floors: 9, managementCompanyInn: ZARECHYE, demo: true },
  { address: 'г. Йошкар-Ола, ул. Прохорова, д. 42', municipalityCode: 'yoshkar-ola', yearBuilt: 1995, floors: 10, managementCompanyInn: SOMBATHEY, demo: true },
  {
    address: 'г. Йошкар-Ола, ул. Воинов-Интернационалистов, д. 28',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 2003,
    floors: 10,
    managementCompanyInn: SOMBATHEY,
    demo: true,
  },
  {
    address: 'г. Йошкар-Ола, ул. Подольских Курсантов, д. 5',
    municipalityCode: 'yoshkar-ola',
    yearBuilt: 2014,
    floors: 16,
    managementCompanyInn: KOKSHAGA,
    demo: true,
  },
  { address: 'г. Йошкар-Ола, ул. Гончарова, д. 2в', municipalityCode: 'yoshkar-ola', yearBuilt: 2019, floors: 14, managementCompanyInn: KOKSHAGA, demo: true },
  { address: 'г. Йошкар-Ола, ул. Зарубина, д. 38', municipalityCode: 'yoshkar-ola', yearBuilt: 1974, floors: 5, managementCompanyInn: ZARECHYE, demo: true },
  { address: 'г. Йошкар-Ола, ул. Кирова, д. 7', municipalityCode: 'yoshkar-ola', yearBuilt: 1961, floors: 4, managementCompanyInn: ZHILSERVIS, demo: true },
  { address: 'г. Волжск, ул. Ленина, д. 12', municipalityCode: 'volzhsk', yearBuilt: 1964, floors: 5, managementCompanyInn: VOLZHSKY_DOM, demo: true },
  { address: 'г. Волжск, ул. Шестакова, д. 88', municipalityCode: 'volzhsk', yearBuilt: 1983, floors: 9, managementCompanyInn: VOLZHSKY_DOM, demo: true },
  { address: 'г. Волжск, ул. Кирова, д. 30', municipalityCode: 'volzhsk', yearBuilt: 1971, floors: 5, managementCompanyInn: ZHILKOMFORT, demo: true },
  { address: 'г. Волжск, ул. Дружбы, д. 3', municipalityCode: 'volzhsk', yearBuilt: 1978, floors: 5, managementCompanyInn: ZHILKOMFORT, demo: true },
  { address: 'г. Волжск, ул. Фрунзе, д. 26', municipalityCode: 'volzhsk', yearBuilt: 1957, floors: 2, managementCompanyInn: VOLZHSKY_DOM, demo: true },
  {
    address: 'г. Козьмодемьянск, 3-й микрорайон, д. 15',
    municipalityCode: 'kozmodemyansk',
    yearBuilt: 1985,
    floors: 5,
    managementCompanyInn: GORNY_BEREG,
    demo: true,
  },
  {
    address: 'г. Козьмодемьянск, ул. Гагарина, д. 6',
    municipalityCode: 'kozmodemyansk',
    yearBuilt: 1969,
    floors: 5,
    managementCompanyInn: GORNY_BEREG,
    demo: true,
  },
  {
    address: 'г. Козьмодемьянск, ул. Советская, д. 41',
    municipalityCode: 'kozmodemyansk',
    yearBuilt: 1955,
    floors: 2,
    managementCompanyInn: GORNY_BEREG,
    demo: true,
  },
  {
    address: 'пгт Медведево, ул. Чапаева, д. 3',
    municipalityCode: 'medvedevsky',
    yearBuilt: 1987,
    floors: 5,
    managementCompanyInn: MEDVEDEVO_ZHEU,
    demo: true,
  },
  {
    address: 'пгт Медведево, ул. Кирова, д. 22',
    municipalityCode: 'medvedevsky',
    yearBuilt: 2011,
    floors: 5,
    managementCompanyInn: MEDVEDEVO_ZHEU,
    demo: true,
  },
  { address: 'пос. Руэм, ул. Молодёжная, д. 4', municipalityCode: 'medvedevsky', yearBuilt: 1976, floors: 3, managementCompanyInn: MEDVEDEVO_ZHEU, demo: true },
  { address: 'г. Звенигово, ул. Бутякова, д. 61', municipalityCode: 'zvenigovsky', yearBuilt: 1982, floors: 5, managementCompanyInn: PRIBREZHNOE, demo: true },
  { address: 'г. Звенигово, ул. Ленина, д. 49', municipalityCode: 'zvenigovsky', yearBuilt: 1973, floors: 4, managementCompanyInn: PRIBREZHNOE, demo: true },
];

/**
 * Medical organizations of the Mari El Republic, the reference data the
 * health plugin seeds (idempotently, by `code`).
 *
 * `demo: true` marks a record whose name or existence was not checked
 * against an official register: an invented FAP, an assumed polyclinic, or
 * a central district hospital that may since have been merged into an
 * inter-district one. Where the street address of a real organization is
 * not known for certain, only the settlement is given rather than a guessed
 * street. `organizationCode` links a record to the body the core seeds for
 * routing.
 */

export type MedicalOrganizationKind = 'HOSPITAL' | 'POLYCLINIC' | 'FAP' | 'AMBULANCE';

export interface MedicalOrganizationRecord {
  /** Stable latin code, the seed's idempotency key. */
  code: string;
  name: string;
  kind: MedicalOrganizationKind;
  address: string;
  municipalityCode: string;
  /** The core's organization code when the record is a body appeals are routed to. */
  organizationCode?: string;
  demo?: boolean;
}

export const medicalOrganizations: MedicalOrganizationRecord[] = [
  {
    code: 'rkb',
    name: 'ГБУ Республики Марий Эл «Республиканская клиническая больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Йошкар-Ола, ул. Осипенко, д. 33',
    municipalityCode: 'yoshkar-ola',
    organizationCode: 'gbu-republican-hospital',
  },
  {
    code: 'drkb',
    name: 'ГБУ Республики Марий Эл «Детская республиканская клиническая больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Йошкар-Ола',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'yo-city-hospital',
    name: 'ГБУ Республики Марий Эл «Йошкар-Олинская городская больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Йошкар-Ола',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'perinatal-centre',
    name: 'ГБУ Республики Марий Эл «Перинатальный центр»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Йошкар-Ола',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'oncology-dispensary',
    name: 'ГБУ Республики Марий Эл «Республиканский онкологический диспансер»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Йошкар-Ола',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'veterans-hospital',
    name: 'ГБУ Республики Марий Эл «Республиканский клинический госпиталь ветеранов войн»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Йошкар-Ола',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'ambulance-station',
    name: 'ГБУ Республики Марий Эл «Станция скорой медицинской помощи»',
    kind: 'AMBULANCE',
    address: 'Республика Марий Эл, г. Йошкар-Ола',
    municipalityCode: 'yoshkar-ola',
    organizationCode: 'gbu-ambulance',
    demo: true,
  },
  {
    code: 'yo-polyclinic-1',
    name: 'Поликлиника № 1 ГБУ РМЭ «Йошкар-Олинская городская больница»',
    kind: 'POLYCLINIC',
    address: 'Республика Марий Эл, г. Йошкар-Ола, ул. Красноармейская',
    municipalityCode: 'yoshkar-ola',
    demo: true,
  },
  {
    code: 'yo-polyclinic-gomzovo',
    name: 'Поликлиника мкр Гомзово ГБУ РМЭ «Йошкар-Олинская городская больница»',
    kind: 'POLYCLINIC',
    address: 'Республика Марий Эл, г. Йошкар-Ола, мкр Гомзово',
    municipalityCode: 'yoshkar-ola',
    demo: true,
  },
  {
    code: 'yo-children-polyclinic',
    name: 'Детская поликлиника № 2 г. Йошкар-Олы',
    kind: 'POLYCLINIC',
    address: 'Республика Марий Эл, г. Йошкар-Ола, ул. Строителей',
    municipalityCode: 'yoshkar-ola',
    demo: true,
  },
  {
    code: 'yo-dental-polyclinic',
    name: 'ГБУ Республики Марий Эл «Стоматологическая поликлиника г. Йошкар-Олы»',
    kind: 'POLYCLINIC',
    address: 'Республика Марий Эл, г. Йошкар-Ола',
    municipalityCode: 'yoshkar-ola',
    demo: true,
  },
  {
    code: 'volzhsk-cgb',
    name: 'ГБУ Республики Марий Эл «Волжская центральная городская больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Волжск',
    municipalityCode: 'volzhsk',
    organizationCode: 'gbu-volzhsk-hospital',
  },
  {
    code: 'volzhsk-ambulance',
    name: 'Отделение скорой медицинской помощи Волжской ЦГБ',
    kind: 'AMBULANCE',
    address: 'Республика Марий Эл, г. Волжск',
    municipalityCode: 'volzhsk',
    demo: true,
  },
  {
    code: 'kozmodemyansk-mrb',
    name: 'ГБУ Республики Марий Эл «Козьмодемьянская межрайонная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Козьмодемьянск',
    municipalityCode: 'kozmodemyansk',
    organizationCode: 'gbu-kozmodemyansk-hospital',
  },
  {
    code: 'zvenigovo-crb',
    name: 'ГБУ Республики Марий Эл «Звениговская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, г. Звенигово',
    municipalityCode: 'zvenigovsky',
  },
  {
    code: 'kilemary-crb',
    name: 'ГБУ Республики Марий Эл «Килемарская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Килемары',
    municipalityCode: 'kilemarsky',
    demo: true,
  },
  {
    code: 'kuzhener-crb',
    name: 'ГБУ Республики Марий Эл «Куженерская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Куженер',
    municipalityCode: 'kuzhenersky',
  },
  {
    code: 'mari-turek-crb',
    name: 'ГБУ Республики Марий Эл «Мари-Турекская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Мари-Турек',
    municipalityCode: 'mari-tureksky',
  },
  {
    code: 'medvedevo-crb',
    name: 'ГБУ Республики Марий Эл «Медведевская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Медведево',
    municipalityCode: 'medvedevsky',
  },
  {
    code: 'morki-crb',
    name: 'ГБУ Республики Марий Эл «Моркинская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Морки',
    municipalityCode: 'morkinsky',
  },
  {
    code: 'novy-toryal-crb',
    name: 'ГБУ Республики Марий Эл «Новоторъяльская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Новый Торъял',
    municipalityCode: 'novotoryalsky',
  },
  {
    code: 'orshanka-crb',
    name: 'ГБУ Республики Марий Эл «Оршанская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Оршанка',
    municipalityCode: 'orshansky',
  },
  {
    code: 'paranga-crb',
    name: 'ГБУ Республики Марий Эл «Параньгинская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Параньга',
    municipalityCode: 'paranginsky',
  },
  {
    code: 'sernur-crb',
    name: 'ГБУ Республики Марий Эл «Сернурская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Сернур',
    municipalityCode: 'sernursky',
  },
  {
    code: 'sovetsky-crb',
    name: 'ГБУ Республики Марий Эл «Советская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Советский',
    municipalityCode: 'sovetsky',
  },
  {
    code: 'yurino-crb',
    name: 'ГБУ Республики Марий Эл «Юринская центральная районная больница»',
    kind: 'HOSPITAL',
    address: 'Республика Марий Эл, пгт Юрино',
    municipalityCode: 'yurinsky',
    demo: true,
  },
  {
    code: 'elasy-ambulatory',
    name: 'Еласовская врачебная амбулатория',
    kind: 'POLYCLINIC',
    address: 'Республика Марий Эл, Горномарийский район, с. Еласы',
    municipalityCode: 'gornomariysky',
    demo: true,
  },
  {
    code: 'ruem-ambulatory',
    name: 'Руэмская врачебная амбулатория',
    kind: 'POLYCLINIC',
    address: 'Республика Марий Эл, Медведевский район, пос. Руэм',
    municipalityCode: 'medvedevsky',
    demo: true,
  },
  {
    code: 'privolzhsky-ambulatory',
    name: 'Приволжская врачебная амбулатория',
    kind: 'POLYCLINIC',
    address: 'Республика Марий Эл, Волжский район, пгт Приволжский',
    municipalityCode: 'volzhsky',
    demo: true,
  },
  {
    code: 'pomary-fap',
    name: 'Фельдшерско-акушерский пункт с. Помары',
    kind: 'FAP',
    address: 'Республика Марий Эл, Волжский район, с. Помары',
    municipalityCode: 'volzhsky',
    demo: true,
  },
  {
    code: 'kokshaysk-fap',
    name: 'Фельдшерско-акушерский пункт с. Кокшайск',
    kind: 'FAP',
    address: 'Республика Марий Эл, Звениговский район, с. Кокшайск',
    municipalityCode: 'zvenigovsky',
    demo: true,
  },
  {
    code: 'korkatovo-fap',
    name: 'Фельдшерско-акушерский пункт с. Коркатово',
    kind: 'FAP',
    address: 'Республика Марий Эл, Моркинский район, с. Коркатово',
    municipalityCode: 'morkinsky',
    demo: true,
  },
  {
    code: 'vilovatovo-fap',
    name: 'Фельдшерско-акушерский пункт с. Виловатово',
    kind: 'FAP',
    address: 'Республика Марий Эл, Горномарийский район, с. Виловатово',
    municipalityCode: 'gornomariysky',
    demo: true,
  },
];

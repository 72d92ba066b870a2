/**
 * Road segments of the Mari El Republic, the reference data the roads plugin
 * seeds (idempotently, by `code`).
 *
 * The federal roads through the republic are Р-176 «Вятка» (Чебоксары —
 * Йошкар-Ола — Киров — Сыктывкар) and А-295 (Йошкар-Ола — Зеленодольск —
 * М-7 «Волга»); the regional network is kept by the republic's road
 * directorate (gku-roads). Kilometre bounds are approximate: they serve the
 * demo and the routing of appeals by segment, not engineering. `demo: true`
 * marks a segment whose road name was composed from its end points rather
 * than taken from the official list of regional roads.
 */

export type RoadOwner = 'FEDERAL' | 'REGIONAL' | 'MUNICIPAL';

export interface RoadSegmentRecord {
  /** Stable latin code, the seed's idempotency key. */
  code: string;
  name: string;
  /** The federal road number, where there is one. */
  roadNumber?: string;
  kmFrom: number;
  kmTo: number;
  owner: RoadOwner;
  municipalityCode: string;
  demo?: boolean;
}

export const roadSegments: RoadSegmentRecord[] = [
  // Federal roads.
  {
    code: 'r176-medvedevsky-south',
    name: 'Р-176 «Вятка» Чебоксары — Йошкар-Ола — Киров — Сыктывкар, подъезд к Йошкар-Оле со стороны Чебоксар',
    roadNumber: 'Р-176',
    kmFrom: 60,
    kmTo: 95,
    owner: 'FEDERAL',
    municipalityCode: 'medvedevsky',
  },
  {
    code: 'r176-medvedevsky-north',
    name: 'Р-176 «Вятка» Чебоксары — Йошкар-Ола — Киров — Сыктывкар, участок Йошкар-Ола — граница Кировской области',
    roadNumber: 'Р-176',
    kmFrom: 105,
    kmTo: 150,
    owner: 'FEDERAL',
    municipalityCode: 'medvedevsky',
  },
  {
    code: 'a295-medvedevsky',
    name: 'А-295 Йошкар-Ола — Зеленодольск — М-7 «Волга», участок в Медведевском районе',
    roadNumber: 'А-295',
    kmFrom: 0,
    kmTo: 35,
    owner: 'FEDERAL',
    municipalityCode: 'medvedevsky',
  },
  {
    code: 'a295-volzhsky',
    name: 'А-295 Йошкар-Ола — Зеленодольск — М-7 «Волга», участок в Волжском районе',
    roadNumber: 'А-295',
    kmFrom: 35,
    kmTo: 90,
    owner: 'FEDERAL',
    municipalityCode: 'volzhsky',
  },

  // Regional roads.
  {
    code: 'yo-kozmodemyansk-medvedevsky',
    name: 'Йошкар-Ола — Козьмодемьянск, участок в Медведевском районе',
    kmFrom: 0,
    kmTo: 40,
    owner: 'REGIONAL',
    municipalityCode: 'medvedevsky',
  },
  {
    code: 'yo-kozmodemyansk-gornomariysky',
    name: 'Йошкар-Ола — Козьмодемьянск, участок в Горномарийском районе',
    kmFrom: 95,
    kmTo: 140,
    owner: 'REGIONAL',
    municipalityCode: 'gornomariysky',
  },
  {
    code: 'yo-urzhum-sovetsky',
    name: 'Йошкар-Ола — Уржум, участок в Советском районе',
    kmFrom: 15,
    kmTo: 55,
    owner: 'REGIONAL',
    municipalityCode: 'sovetsky',
  },
  {
    code: 'yo-urzhum-mari-tureksky',
    name: 'Йошкар-Ола — Уржум, участок в Мари-Турекском районе',
    kmFrom: 55,
    kmTo: 110,
    owner: 'REGIONAL',
    municipalityCode: 'mari-tureksky',
  },
  {
    code: 'pomary-volzhsk',
    name: 'Помары — Волжск (подъезд к г. Волжску)',
    kmFrom: 0,
    kmTo: 28,
    owner: 'REGIONAL',
    municipalityCode: 'volzhsky',
    demo: true,
  },
  {
    code: 'yo-zvenigovo',
    name: 'Подъезд к г. Звенигово',
    kmFrom: 0,
    kmTo: 32,
    owner: 'REGIONAL',
    municipalityCode: 'zvenigovsky',
    demo: true,
  },
  {
    code: 'kokshaysk-krasnogorsky',
    name: 'Кокшайск — Красногорский',
    kmFrom: 0,
    kmTo: 45,
    owner: 'REGIONAL',
    municipalityCode: 'zvenigovsky',
    demo: true,
  },
  {
    code: 'yo-sernur',
    name: 'Йошкар-Ола — Сернур, участок в Сернурском районе',
    kmFrom: 60,
    kmTo: 95,
    owner: 'REGIONAL',
    municipalityCode: 'sernursky',
    demo: true,
  },
  {
    code: 'sernur-kuzhener',
    name: 'Сернур — Куженер',
    kmFrom: 0,
    kmTo: 30,
    owner: 'REGIONAL',
    municipalityCode: 'kuzhenersky',
    demo: true,
  },
  {
    code: 'yo-morki',
    name: 'Подъезд к пгт Морки',
    kmFrom: 0,
    kmTo: 38,
    owner: 'REGIONAL',
    municipalityCode: 'morkinsky',
    demo: true,
  },
  {
    code: 'yo-kilemary',
    name: 'Йошкар-Ола — Килемары, участок в Килемарском районе',
    kmFrom: 35,
    kmTo: 70,
    owner: 'REGIONAL',
    municipalityCode: 'kilemarsky',
    demo: true,
  },
  {
    code: 'kozmodemyansk-yurino',
    name: 'Козьмодемьянск — Юрино',
    kmFrom: 20,
    kmTo: 75,
    owner: 'REGIONAL',
    municipalityCode: 'yurinsky',
    demo: true,
  },
  {
    code: 'sernur-novy-toryal',
    name: 'Сернур — Новый Торъял',
    kmFrom: 0,
    kmTo: 40,
    owner: 'REGIONAL',
    municipalityCode: 'novotoryalsky',
    demo: true,
  },
  {
    code: 'yo-orshanka',
    name: 'Йошкар-Ола — Оршанка',
    kmFrom: 15,
    kmTo: 45,
    owner: 'REGIONAL',
    municipalityCode: 'orshansky',
    demo: true,
  },
  {
    code: 'sernur-paranga',
    name: 'Сернур — Параньга',
    kmFrom: 0,
    kmTo: 35,
    owner: 'REGIONAL',
    municipalityCode: 'paranginsky',
    demo: true,
  },
  {
    code: 'kozmodemyansk-elasy',
    name: 'Козьмодемьянск — Еласы',
    kmFrom: 0,
    kmTo: 40,
    owner: 'REGIONAL',
    municipalityCode: 'gornomariysky',
    demo: true,
  },

  // Municipal streets of the city districts.
  {
    code: 'yo-leninsky-prospekt',
    name: 'Ленинский проспект, г. Йошкар-Ола',
    kmFrom: 0,
    kmTo: 4.2,
    owner: 'MUNICIPAL',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'yo-panfilova',
    name: 'ул. Панфилова, г. Йошкар-Ола',
    kmFrom: 0,
    kmTo: 3.1,
    owner: 'MUNICIPAL',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'yo-mashinostroiteley',
    name: 'ул. Машиностроителей, г. Йошкар-Ола',
    kmFrom: 0,
    kmTo: 3.5,
    owner: 'MUNICIPAL',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'yo-sernursky-trakt',
    name: 'Сернурский тракт, г. Йошкар-Ола',
    kmFrom: 0,
    kmTo: 5.0,
    owner: 'MUNICIPAL',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'yo-stroiteley',
    name: 'ул. Строителей, г. Йошкар-Ола',
    kmFrom: 0,
    kmTo: 2.4,
    owner: 'MUNICIPAL',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'yo-yvana-kyrli',
    name: 'ул. Йывана Кырли, г. Йошкар-Ола',
    kmFrom: 0,
    kmTo: 2.8,
    owner: 'MUNICIPAL',
    municipalityCode: 'yoshkar-ola',
  },
  {
    code: 'volzhsk-lenina',
    name: 'ул. Ленина, г. Волжск',
    kmFrom: 0,
    kmTo: 3.0,
    owner: 'MUNICIPAL',
    municipalityCode: 'volzhsk',
  },
  {
    code: 'kozmodemyansk-sovetskaya',
    name: 'ул. Советская, г. Козьмодемьянск',
    kmFrom: 0,
    kmTo: 2.2,
    owner: 'MUNICIPAL',
    municipalityCode: 'kozmodemyansk',
  },
];

/**
 * Reference data of the waste (ТКО) sector for the Mari El Republic.
 *
 * The regional operator is real: ООО «Благоустройство» has held the status of
 * the Mari El regional operator for ТКО since 2019 (its INN is left for the
 * seed to take from ЕГРЮЛ rather than be guessed here). The container sites
 * are invented (`demo: true`): real towns and streets, coordinates near the
 * settlement, made-up sites and container counts.
 */

export interface WasteOperatorRecord {
  /** The organization code the core seeds for it. */
  organizationCode: string;
  name: string;
  role: 'REGIONAL_OPERATOR' | 'COLLECTOR';
  /** INN of a legal entity, 10 digits, where known. */
  inn?: string;
  demo?: boolean;
}

export interface ContainerSiteRecord {
  id: string;
  address: string;
  municipalityCode: string;
  lat: number;
  lon: number;
  containers: number;
  demo?: boolean;
}

export const wasteOperators: WasteOperatorRecord[] = [{ organizationCode: 'regoperator-tko', name: 'ООО «Благоустройство»', role: 'REGIONAL_OPERATOR' }];

export const containerSites: ContainerSiteRecord[] = [
  {
    id: 'f38b2ffc-80a4-4f5a-91c9-bc701e7ea419',
    address: 'г. Йошкар-Ола, ул. Панфилова, 37 (двор)',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6405,
    lon: 47.8722,
    containers: 4,
    demo: true,
  },
  {
    id: 'f3f49249-dc28-4f90-a5ae-c7978306d03b',
    address: 'г. Йошкар-Ола, ул. Красноармейская, 46',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6318,
    lon: 47.8951,
    containers: 3,
    demo: true,
  },
  {
    id: 'e5121482-3929-4d22-a255-accb1a466884',
    address: 'г. Йошкар-Ола, бульвар Чавайна, 30',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6352,
    lon: 47.9103,
    containers: 5,
    demo: true,
  },
  {
    id: '6bad6be2-8e7a-46e9-9f19-950499dd251d',
    address: 'г. Йошкар-Ола, ул. Кремлёвская, 20',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6287,
    lon: 47.9035,
    containers: 4,
    demo: true,
  },
  {
    id: 'd7a7a3cc-8c3d-4f16-9293-de8fc88b2875',
    address: 'г. Йошкар-Ола, ул. Машиностроителей, 8',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6203,
    lon: 47.8589,
    containers: 3,
    demo: true,
  },
  {
    id: '7dabe929-c4a3-44bf-86cd-75e9bb049a79',
    address: 'г. Йошкар-Ола, ул. Петрова, 13',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6138,
    lon: 47.922,
    containers: 6,
    demo: true,
  },
  {
    id: '70eb9a0a-9626-4ae6-85e8-18fac0433cbd',
    address: 'г. Йошкар-Ола, ул. Воинов-Интернационалистов, 28',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6542,
    lon: 47.8897,
    containers: 5,
    demo: true,
  },
  {
    id: '14aa4e71-9d3c-4dec-80a6-1f933d6c51e3',
    address: 'г. Йошкар-Ола, мкр. Семёновка, ул. Пролетарская, 51',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6772,
    lon: 47.8451,
    containers: 2,
    demo: true,
  },
  {
    id: '1919e93a-d117-45ad-8988-93101c593af5',
    address: 'г. Йошкар-Ола, ул. Осипенко, 52',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6211,
    lon: 47.8934,
    containers: 2,
    demo: true,
  },
  {
    id: 'e4163207-d094-4996-82f0-ee99731c9452',
    address: 'г. Йошкар-Ола, ул. Строителей, 19',
    municipalityCode: 'yoshkar-ola',
    lat: 56.6245,
    lon: 47.8651,
    containers: 4,
    demo: true,
  },
  {
    id: '5071950e-adec-4f11-bd83-6e77af67d461',
    address: 'г. Волжск, ул. Ленина, 12',
    municipalityCode: 'volzhsk',
    lat: 55.8668,
    lon: 48.3525,
    containers: 3,
    demo: true,
  },
  {
    id: '59001ac9-4063-49bc-a5b0-0a2d35d14880',
    address: 'г. Волжск, ул. Шестакова, 88',
    municipalityCode: 'volzhsk',
    lat: 55.8749,
    lon: 48.3431,
    containers: 4,
    demo: true,
  },
  {
    id: '5b4c8012-ede7-4d0c-bfb8-8309fadb8908',
    address: 'г. Волжск, ул. Дружбы, 3',
    municipalityCode: 'volzhsk',
    lat: 55.8611,
    lon: 48.3617,
    containers: 3,
    demo: true,
  },
  {
    id: 'bef7e268-ffe9-46ab-a058-1ccace1d62e0',
    address: 'г. Козьмодемьянск, 3-й микрорайон, 15',
    municipalityCode: 'kozmodemyansk',
    lat: 56.3402,
    lon: 46.5581,
    containers: 4,
    demo: true,
  },
  {
    id: 'b91dddd9-1389-4372-a341-738c837a7935',
    address: 'г. Козьмодемьянск, ул. Гагарина, 6',
    municipalityCode: 'kozmodemyansk',
    lat: 56.3351,
    lon: 46.5702,
    containers: 2,
    demo: true,
  },
  {
    id: '89be9c1c-8eb5-440f-96f4-488157241955',
    address: 'пгт Медведево, ул. Чапаева, 3',
    municipalityCode: 'medvedevsky',
    lat: 56.6347,
    lon: 47.8262,
    containers: 3,
    demo: true,
  },
  {
    id: '24114258-751b-4c83-89a0-47dc4ac87fc0',
    address: 'пос. Руэм, ул. Молодёжная, 4',
    municipalityCode: 'medvedevsky',
    lat: 56.5518,
    lon: 48.0309,
    containers: 2,
    demo: true,
  },
  {
    id: 'b766ff10-b437-4db5-a511-49bbe060a724',
    address: 'пгт Краснооктябрьский, ул. Победы, 10',
    municipalityCode: 'medvedevsky',
    lat: 56.6653,
    lon: 47.7152,
    containers: 2,
    demo: true,
  },
  {
    id: 'd9090b89-0655-4096-8f1a-8a1d93d20470',
    address: 'г. Звенигово, ул. Бутякова, 61',
    municipalityCode: 'zvenigovsky',
    lat: 55.9731,
    lon: 48.0184,
    containers: 3,
    demo: true,
  },
  {
    id: '7608d942-5d11-4a9d-9e6c-9992b5fb12e0',
    address: 'пгт Красногорский, ул. Кирова, 2',
    municipalityCode: 'zvenigovsky',
    lat: 56.1522,
    lon: 48.3297,
    containers: 2,
    demo: true,
  },
  {
    id: 'e41686cd-6616-4227-9737-14726c167229',
    address: 'пгт Килемары, ул. Советская, 14',
    municipalityCode: 'kilemarsky',
    lat: 56.9489,
    lon: 47.0113,
    containers: 2,
    demo: true,
  },
  {
    id: 'de0279e1-7f9a-4098-8df0-5f2595f19a51',
    address: 'пгт Куженер, ул. Садовая, 9',
    municipalityCode: 'kuzhenersky',
    lat: 56.8092,
    lon: 48.9331,
    containers: 2,
    demo: true,
  },
  {
    id: 'cd73de00-81a0-4a05-ace9-da661dcf884c',
    address: 'пгт Мари-Турек, ул. Строителей, 5',
    municipalityCode: 'mari-tureksky',
    lat: 56.7902,
    lon: 49.6213,
    containers: 2,
    demo: true,
  },
  {
    id: 'e01c683e-99a4-4df0-9de3-a361c0099eba',
    address: 'пгт Морки, ул. Мира, 17',
    municipalityCode: 'morkinsky',
    lat: 56.4331,
    lon: 48.9962,
    containers: 2,
    demo: true,
  },
  {
    id: '864fa3f3-eab0-4e9b-a5ed-0de47db4304d',
    address: 'пгт Новый Торъял, ул. Коммунистическая, 22',
    municipalityCode: 'novotoryalsky',
    lat: 56.9994,
    lon: 48.7223,
    containers: 2,
    demo: true,
  },
  {
    id: '90624fe3-6b82-46c9-982f-b0f1423674a6',
    address: 'пгт Оршанка, ул. Палантая, 8',
    municipalityCode: 'orshansky',
    lat: 56.9171,
    lon: 47.8863,
    containers: 2,
    demo: true,
  },
  {
    id: '8350a73f-7aac-419f-bb75-9e0fed1d9d16',
    address: 'пгт Параньга, ул. Новая, 3',
    municipalityCode: 'paranginsky',
    lat: 56.7035,
    lon: 49.0252,
    containers: 2,
    demo: true,
  },
  {
    id: '93550840-067f-4cfc-8e1f-d3d9849acfb5',
    address: 'пгт Сернур, ул. Комсомольская, 12',
    municipalityCode: 'sernursky',
    lat: 56.9433,
    lon: 49.1582,
    containers: 3,
    demo: true,
  },
  {
    id: 'd1711cbd-2106-419e-840d-31b5397a7623',
    address: 'пгт Советский, ул. Свердлова, 7',
    municipalityCode: 'sovetsky',
    lat: 56.7681,
    lon: 48.4893,
    containers: 3,
    demo: true,
  },
  {
    id: '85f184e0-b464-4554-b675-299b0c83e786',
    address: 'пгт Юрино, ул. Красноармейская, 4',
    municipalityCode: 'yurinsky',
    lat: 56.2962,
    lon: 46.2861,
    containers: 1,
    demo: true,
  },
  {
    id: 'b7a1774f-1a42-421e-aba4-c70ee306f0c4',
    address: 'пос. Приволжский, ул. Заводская, 1',
    municipalityCode: 'volzhsky',
    lat: 55.8553,
    lon: 48.4302,
    containers: 2,
    demo: true,
  },
  {
    id: '2475263c-7854-4014-aded-c86a9f4fb02b',
    address: 'с. Помары, ул. Центральная, 20',
    municipalityCode: 'volzhsky',
    lat: 56.0104,
    lon: 48.1201,
    containers: 1,
    demo: true,
  },
  {
    id: 'd9814559-3a9a-4a39-a261-e34a7b6bc3c6',
    address: 'с. Еласы, ул. Набережная, 3',
    municipalityCode: 'gornomariysky',
    lat: 56.4012,
    lon: 46.7049,
    containers: 1,
    demo: true,
  },
  {
    id: 'b3618e1c-a06d-4a69-9f3c-42b2e2cbbb93',
    address: 'с. Виловатово, ул. Школьная, 1',
    municipalityCode: 'gornomariysky',
    lat: 56.3014,
    lon: 46.7932,
    containers: 1,
    demo: true,
  },
];

import { MunicipalityKind, type MunicipalityReference } from './reference-types.js';
import { cityAdjectiveForms, districtForms, unique, withPrefixes } from './name-forms.js';

/*
 * The 17 municipalities of the Mari El Republic: 3 city districts (городские
 * округа) and 14 municipal districts. Since 2024 (Kilemarsky first) the
 * districts are being turned into municipal okrugs; the names below keep
 * «муниципальный район», and nameForms accept both «район» and «округ».
 *
 * Population: Rosstat estimates at 1 January 2021 as quoted by Wikipedia
 * (Yoshkar-Ola city district 286,876 (city alone 281,248 at the 2021
 * census); districts from the same series). Volzhsk (52,164 in 2023) and
 * Kozmodemyansk (20,810 in 2014) are rounded approximations for 2021.
 * Total ≈ 675,000 (the 2021 census counted 677,097 for the republic).
 *
 * Settlements: the nominative of the district centre and of a few larger or
 * well-known villages. A name is listed under one municipality only (the
 * matcher ignores names shared by two). Centres that are not part of their
 * district (Volzhsk for Volzhsky, Kozmodemyansk for Gornomariysky) are listed
 * under their own city district only.
 */

const CITY_PREFIXES = ['г.', 'г', 'город', 'города', 'городе', 'городу', 'городом'];
const SETTLEMENT_PREFIXES = ['пгт', 'п.', 'пос.', 'поселок', 'посёлок', 'поселке', 'посёлке', 'поселка', 'посёлка'];

/** Case forms of a place name, written out by hand (Russian nouns decline irregularly), with and without «г.», «пгт». */
const placeForms = withPrefixes;

export const mariElMunicipalities: MunicipalityReference[] = [
  {
    code: 'yoshkar-ola',
    name: 'Городской округ «Город Йошкар-Ола»',
    shortName: 'Йошкар-Ола',
    nameEn: 'Yoshkar-Ola',
    kind: MunicipalityKind.CITY_DISTRICT,
    population: 286_876,
    center: 'Йошкар-Ола',
    nameForms: unique([
      ...placeForms(['Йошкар-Ола', 'Йошкар-Олы', 'Йошкар-Оле', 'Йошкар-Олу', 'Йошкар-Олой', 'Йошкар-Олою'], CITY_PREFIXES),
      'Йошкар Ола', 'Йошкар Оле', 'Йошкар Олы', 'Йошкар Олу', 'Йошкар Олой',
      'городской округ «Город Йошкар-Ола»', 'городского округа «Город Йошкар-Ола»',
      ...cityAdjectiveForms('Йошкар-Олинск'),
      'йошкаролинцы', 'йошкаролинцев', 'йошкар-олинцы', 'йошкар-олинцев',
    ]),
    settlements: ['Йошкар-Ола', 'Семёновка', 'Савино', 'Шоя-Кузнецово', 'Акшубино', 'Данилово', 'Апшакбеляк'],
  },
  {
    code: 'volzhsk',
    name: 'Городской округ «Город Волжск»',
    shortName: 'Волжск',
    nameEn: 'Volzhsk',
    kind: MunicipalityKind.CITY_DISTRICT,
    population: 53_000,
    center: 'Волжск',
    // «Волжском» is left out on purpose: it is also «в Волжском (районе)».
    nameForms: unique([
      ...placeForms(['Волжск', 'Волжска', 'Волжску', 'Волжске'], CITY_PREFIXES),
      'городской округ «Город Волжск»', 'городского округа «Город Волжск»',
    ]),
    settlements: ['Волжск'],
  },
  {
    code: 'kozmodemyansk',
    name: 'Городской округ «Город Козьмодемьянск»',
    shortName: 'Козьмодемьянск',
    nameEn: 'Kozmodemyansk',
    kind: MunicipalityKind.CITY_DISTRICT,
    population: 19_500,
    center: 'Козьмодемьянск',
    nameForms: unique([
      ...placeForms(
        ['Козьмодемьянск', 'Козьмодемьянска', 'Козьмодемьянску', 'Козьмодемьянском', 'Козьмодемьянске'],
        CITY_PREFIXES,
      ),
      // Frequent misspellings.
      'Космодемьянск', 'Космодемьянске', 'Космодемьянска', 'Козьмодемянск', 'Козьмодемянске', 'Козмодемьянск', 'Козмодемьянске',
      'городской округ «Город Козьмодемьянск»', 'городского округа «Город Козьмодемьянск»',
      ...cityAdjectiveForms('Козьмодемьянск'),
    ]),
    settlements: ['Козьмодемьянск'],
  },
  {
    code: 'volzhsky',
    name: 'Волжский муниципальный район',
    shortName: 'Волжский район',
    nameEn: 'Volzhsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 21_188,
    // The district's centre is the city of Volzhsk, which is not part of it.
    center: 'Волжск',
    // No bare «Волжский»/«Волжская»: it names streets, the river, newspapers.
    nameForms: districtForms(['Волжск'], { bareAdjective: false }),
    settlements: ['Приволжский', 'Помары', 'Сотнур', 'Эмеково', 'Петъялы', 'Большие Параты', 'Карай'],
  },
  {
    code: 'gornomariysky',
    name: 'Горномарийский муниципальный район',
    shortName: 'Горномарийский район',
    nameEn: 'Gornomariysky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 20_476,
    // The district's centre is the city of Kozmodemyansk, which is not part of it.
    center: 'Козьмодемьянск',
    nameForms: districtForms(['Горномарийск', 'Горно-Марийск'], { bareAdjective: true }),
    settlements: ['Еласы', 'Виловатово', 'Троицкий Посад', 'Микряково', 'Пайгусово', 'Емешево', 'Усола', 'Кулаково'],
  },
  {
    code: 'zvenigovsky',
    name: 'Звениговский муниципальный район',
    shortName: 'Звениговский район',
    nameEn: 'Zvenigovsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 39_920,
    center: 'Звенигово',
    nameForms: unique([
      ...districtForms(['Звениговск'], { bareAdjective: true }),
      ...placeForms(['Звенигово', 'Звенигова', 'Звенигову', 'Звениговом', 'Звенигове'], CITY_PREFIXES),
    ]),
    settlements: ['Звенигово', 'Красногорский', 'Суслонгер', 'Кокшайск', 'Кужмара', 'Шелангер', 'Исменцы', 'Мочалище', 'Кокшамары'],
  },
  {
    code: 'kilemarsky',
    name: 'Килемарский муниципальный район',
    shortName: 'Килемарский район',
    nameEn: 'Kilemarsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 11_626,
    center: 'Килемары',
    nameForms: unique([
      ...districtForms(['Килемарск'], { bareAdjective: true }),
      ...placeForms(['Килемары', 'Килемар', 'Килемарам', 'Килемарами', 'Килемарах'], SETTLEMENT_PREFIXES),
    ]),
    settlements: ['Килемары', 'Арда', 'Большое Кибеево', 'Юксары', 'Нежнур', 'Широкундыш', 'Визимъяры'],
  },
  {
    code: 'kuzhenersky',
    name: 'Куженерский муниципальный район',
    shortName: 'Куженерский район',
    nameEn: 'Kuzhenersky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 12_214,
    center: 'Куженер',
    nameForms: unique([
      ...districtForms(['Куженерск'], { bareAdjective: true }),
      ...placeForms(['Куженер', 'Куженера', 'Куженеру', 'Куженером', 'Куженере'], SETTLEMENT_PREFIXES),
    ]),
    settlements: ['Куженер', 'Иштымбал', 'Юледур', 'Русские Шои', 'Салтакъял', 'Токтайбеляк', 'Тумьюмучаш'],
  },
  {
    code: 'mari-tureksky',
    name: 'Мари-Турекский муниципальный район',
    shortName: 'Мари-Турекский район',
    nameEn: 'Mari-Tureksky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 18_242,
    center: 'Мари-Турек',
    nameForms: unique([
      ...districtForms(['Мари-Турекск', 'Маритурекск'], { bareAdjective: true }),
      ...placeForms(['Мари-Турек', 'Мари-Турека', 'Мари-Туреку', 'Мари-Туреком', 'Мари-Туреке'], SETTLEMENT_PREFIXES),
    ]),
    settlements: ['Мари-Турек', 'Косолапово', 'Хлебниково', 'Мари-Биляморь', 'Большой Карлыган'],
  },
  {
    code: 'medvedevsky',
    name: 'Медведевский муниципальный район',
    shortName: 'Медведевский район',
    nameEn: 'Medvedevsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 67_519,
    center: 'Медведево',
    // Only the undeclined «Медведево»: «Медведева», «Медведеве» are a surname.
    nameForms: unique([
      ...districtForms(['Медведевск'], { bareAdjective: true }),
      ...placeForms(['Медведево'], SETTLEMENT_PREFIXES),
    ]),
    settlements: [
      'Медведево', 'Краснооктябрьский', 'Руэм', 'Знаменский', 'Кузнецово', 'Пекшиксола', 'Сенькино', 'Нурма',
      'Ежово', 'Куяр', 'Люльпаны', 'Азаново', 'Шойбулак', 'Русский Кукмор', 'Сидорово',
    ],
  },
  {
    code: 'morkinsky',
    name: 'Моркинский муниципальный район',
    shortName: 'Моркинский район',
    nameEn: 'Morkinsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 26_930,
    center: 'Морки',
    nameForms: unique([
      ...districtForms(['Моркинск'], { bareAdjective: true }),
      ...placeForms(['Морки', 'Морках'], SETTLEMENT_PREFIXES),
    ]),
    settlements: ['Морки', 'Шиньша', 'Семисола', 'Октябрьский', 'Коркатово', 'Зеленогорск', 'Нурумбал'],
  },
  {
    code: 'novotoryalsky',
    name: 'Новоторъяльский муниципальный район',
    shortName: 'Новоторъяльский район',
    nameEn: 'Novotoryalsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 13_980,
    center: 'Новый Торъял',
    nameForms: unique([
      // «Новоторьяльский» (soft sign) is the usual misspelling.
      ...districtForms(['Новоторъяльск', 'Новоторьяльск', 'Ново-Торъяльск'], { bareAdjective: true }),
      ...placeForms(
        ['Новый Торъял', 'Нового Торъяла', 'Новому Торъялу', 'Новым Торъялом', 'Новом Торъяле', 'Новый Торьял', 'Новом Торьяле'],
        SETTLEMENT_PREFIXES,
      ),
    ]),
    settlements: ['Новый Торъял', 'Старый Торъял', 'Пектубаево', 'Масканур', 'Немда'],
  },
  {
    code: 'orshansky',
    name: 'Оршанский муниципальный район',
    shortName: 'Оршанский район',
    nameEn: 'Orshansky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 12_909,
    center: 'Оршанка',
    nameForms: unique([
      ...districtForms(['Оршанск'], { bareAdjective: true }),
      ...placeForms(['Оршанка', 'Оршанки', 'Оршанке', 'Оршанку', 'Оршанкой'], SETTLEMENT_PREFIXES),
    ]),
    settlements: ['Оршанка', 'Упша', 'Шулка', 'Марково', 'Табашино'],
  },
  {
    code: 'paranginsky',
    name: 'Параньгинский муниципальный район',
    shortName: 'Параньгинский район',
    nameEn: 'Paranginsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 13_646,
    center: 'Параньга',
    nameForms: unique([
      ...districtForms(['Параньгинск'], { bareAdjective: true }),
      ...placeForms(['Параньга', 'Параньги', 'Параньге', 'Параньгу', 'Параньгой'], SETTLEMENT_PREFIXES),
    ]),
    settlements: ['Параньга', 'Алашайка', 'Ильпанур', 'Портянур'],
  },
  {
    code: 'sernursky',
    name: 'Сернурский муниципальный район',
    shortName: 'Сернурский район',
    nameEn: 'Sernursky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 22_697,
    center: 'Сернур',
    nameForms: unique([
      ...districtForms(['Сернурск'], { bareAdjective: true }),
      ...placeForms(['Сернур', 'Сернура', 'Сернуру', 'Сернуром', 'Сернуре'], SETTLEMENT_PREFIXES),
    ]),
    settlements: ['Сернур', 'Марисола', 'Казанское', 'Кукнур', 'Зашижемье', 'Чендемерово', 'Токтамыж', 'Кугенер', 'Великий Сердеж'],
  },
  {
    code: 'sovetsky',
    name: 'Советский муниципальный район',
    shortName: 'Советский район',
    nameEn: 'Sovetsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 27_846,
    center: 'Советский',
    // No bare «Советский»/«Советская»: that is a street in every town.
    nameForms: unique([
      ...districtForms(['Советск'], { bareAdjective: false }),
      'пгт Советский', 'п. Советский', 'поселок Советский', 'посёлок Советский', 'поселке Советском', 'посёлке Советском',
      'поселка Советского', 'посёлка Советского', 'пгт Советском',
    ]),
    settlements: ['Советский', 'Ронга', 'Вятское', 'Ляжмари', 'Солнечный', 'Кельмаксола', 'Верх-Ушнур'],
  },
  {
    code: 'yurinsky',
    name: 'Юринский муниципальный район',
    shortName: 'Юринский район',
    nameEn: 'Yurinsky District',
    kind: MunicipalityKind.MUNICIPAL_DISTRICT,
    population: 6_590,
    center: 'Юрино',
    nameForms: unique([
      ...districtForms(['Юринск'], { bareAdjective: true }),
      ...placeForms(['Юрино'], SETTLEMENT_PREFIXES),
    ]),
    settlements: ['Юрино', 'Юркино', 'Козиково', 'Быковка', 'Горный Шумец', 'Марьино', 'Васильевское'],
  },
];

/**
 * Carriers and bus routes of the Mari El Republic, the reference data the
 * transport plugin seeds (idempotently, by `code`).
 *
 * Every carrier is invented (`demo: true`), and so is the numbering of the
 * routes: the settlements and city districts they join are real. Numbering
 * convention of this data set: city routes 1-99, suburban 100-199,
 * intercity 500-599, so that a route number alone tells the kind outside
 * the cities. `municipalityCode` is the municipality the route mainly
 * serves: the city for city routes, the far end for routes out of the
 * capital or a city.
 */

export type RouteKind = 'CITY' | 'SUBURBAN' | 'INTERCITY';

export interface CarrierRecord {
  code: string;
  name: string;
  demo: true;
}

export interface BusRouteRecord {
  code: string;
  number: string;
  kind: RouteKind;
  from: string;
  to: string;
  carrierCode: string;
  municipalityCode: string;
  demo: true;
}

export const transportCarriers: CarrierRecord[] = [
  { code: 'marii-avtobus', name: 'ООО «Марийский автобус»', demo: true },
  { code: 'avtoline-me', name: 'ООО «Автолайн Марий Эл»', demo: true },
  { code: 'transservice-12', name: 'ООО «ТрансСервис-12»', demo: true },
  { code: 'volzhsky-perevozchik', name: 'ООО «Волжский перевозчик»', demo: true },
  { code: 'gornomari-avtokolonna', name: 'ООО «Горномарийская автоколонна»', demo: true },
  { code: 'sernur-atp', name: 'ООО «Сернурское АТП»', demo: true },
  { code: 'zvenigovo-perevozki', name: 'ООО «Звениговские перевозки»', demo: true },
  { code: 'medvedevo-trans', name: 'ООО «Медведевотранс»', demo: true },
  { code: 'mezhgorod-12', name: 'ООО «Межгород-12»', demo: true },
];

const route = (number: string, kind: RouteKind, from: string, to: string, carrierCode: string, municipalityCode: string): BusRouteRecord => ({
  code: `${municipalityCode}-${kind.toLowerCase()}-${number}`,
  number,
  kind,
  from,
  to,
  carrierCode,
  municipalityCode,
  demo: true,
});

export const busRoutes: BusRouteRecord[] = [
  // Yoshkar-Ola city routes.
  route('1', 'CITY', 'Железнодорожный вокзал', 'мкр Гомзово', 'marii-avtobus', 'yoshkar-ola'),
  route('2', 'CITY', 'Автовокзал', 'мкр Дубки', 'marii-avtobus', 'yoshkar-ola'),
  route('5', 'CITY', 'мкр Сомбатхей', 'Ширяйково', 'avtoline-me', 'yoshkar-ola'),
  route('8', 'CITY', 'Центральный рынок', 'мкр Дубки', 'avtoline-me', 'yoshkar-ola'),
  route('10', 'CITY', 'Семёновка', 'Железнодорожный вокзал', 'transservice-12', 'yoshkar-ola'),
  route('12', 'CITY', 'Автовокзал', 'ул. Строителей', 'transservice-12', 'yoshkar-ola'),
  route('16', 'CITY', 'Республиканская клиническая больница', 'мкр Гомзово', 'marii-avtobus', 'yoshkar-ola'),
  route('26', 'CITY', 'Ботанический сад', 'мкр Сомбатхей', 'avtoline-me', 'yoshkar-ola'),
  route('33', 'CITY', 'мкр Дубки', 'Семёновка', 'transservice-12', 'yoshkar-ola'),
  route('41', 'CITY', 'ул. Машиностроителей', 'Центральный рынок', 'marii-avtobus', 'yoshkar-ola'),
  route('44', 'CITY', 'Сернурский тракт', 'Железнодорожный вокзал', 'avtoline-me', 'yoshkar-ola'),

  // Volzhsk and Kozmodemyansk city routes.
  route('1', 'CITY', 'Автостанция', 'Больничный городок', 'volzhsky-perevozchik', 'volzhsk'),
  route('3', 'CITY', 'Центр', 'мкр Заря', 'volzhsky-perevozchik', 'volzhsk'),
  route('4', 'CITY', 'Автостанция', 'Промзона', 'volzhsky-perevozchik', 'volzhsk'),
  route('1', 'CITY', 'Автостанция', 'Больница', 'gornomari-avtokolonna', 'kozmodemyansk'),
  route('2', 'CITY', 'Центр', 'Набережная', 'gornomari-avtokolonna', 'kozmodemyansk'),

  // Suburban routes.
  route('104', 'SUBURBAN', 'Йошкар-Ола', 'Медведево', 'medvedevo-trans', 'medvedevsky'),
  route('104к', 'SUBURBAN', 'Йошкар-Ола', 'Медведево (через Кузнецово)', 'medvedevo-trans', 'medvedevsky'),
  route('110', 'SUBURBAN', 'Йошкар-Ола', 'Краснооктябрьский', 'medvedevo-trans', 'medvedevsky'),
  route('115', 'SUBURBAN', 'Йошкар-Ола', 'Руэм', 'medvedevo-trans', 'medvedevsky'),
  route('120', 'SUBURBAN', 'Йошкар-Ола', 'Знаменский', 'medvedevo-trans', 'medvedevsky'),
  route('125', 'SUBURBAN', 'Йошкар-Ола', 'Советский', 'mezhgorod-12', 'sovetsky'),
  route('128', 'SUBURBAN', 'Йошкар-Ола', 'Оршанка', 'mezhgorod-12', 'orshansky'),
  route('131', 'SUBURBAN', 'Волжск', 'Приволжский', 'volzhsky-perevozchik', 'volzhsky'),
  route('135', 'SUBURBAN', 'Волжск', 'Эмеково', 'volzhsky-perevozchik', 'volzhsky'),
  route('140', 'SUBURBAN', 'Козьмодемьянск', 'Еласы', 'gornomari-avtokolonna', 'gornomariysky'),
  route('142', 'SUBURBAN', 'Козьмодемьянск', 'Виловатово', 'gornomari-avtokolonna', 'gornomariysky'),
  route('150', 'SUBURBAN', 'Звенигово', 'Кокшайск', 'zvenigovo-perevozki', 'zvenigovsky'),

  // Intercity routes.
  route('501', 'INTERCITY', 'Йошкар-Ола', 'Козьмодемьянск', 'gornomari-avtokolonna', 'kozmodemyansk'),
  route('502', 'INTERCITY', 'Йошкар-Ола', 'Волжск', 'volzhsky-perevozchik', 'volzhsk'),
  route('503', 'INTERCITY', 'Йошкар-Ола', 'Звенигово', 'zvenigovo-perevozki', 'zvenigovsky'),
  route('504', 'INTERCITY', 'Йошкар-Ола', 'Сернур', 'sernur-atp', 'sernursky'),
  route('505', 'INTERCITY', 'Йошкар-Ола', 'Морки', 'mezhgorod-12', 'morkinsky'),
  route('506', 'INTERCITY', 'Йошкар-Ола', 'Мари-Турек', 'mezhgorod-12', 'mari-tureksky'),
  route('508', 'INTERCITY', 'Йошкар-Ола', 'Параньга', 'sernur-atp', 'paranginsky'),
  route('509', 'INTERCITY', 'Йошкар-Ола', 'Новый Торъял', 'sernur-atp', 'novotoryalsky'),
  route('510', 'INTERCITY', 'Йошкар-Ола', 'Куженер', 'sernur-atp', 'kuzhenersky'),
  route('511', 'INTERCITY', 'Йошкар-Ола', 'Килемары', 'mezhgorod-12', 'kilemarsky'),
  route('512', 'INTERCITY', 'Йошкар-Ола', 'Юрино', 'gornomari-avtokolonna', 'yurinsky'),
  route('520', 'INTERCITY', 'Йошкар-Ола', 'Казань', 'mezhgorod-12', 'yoshkar-ola'),
  route('521', 'INTERCITY', 'Йошкар-Ола', 'Чебоксары', 'mezhgorod-12', 'yoshkar-ola'),
  route('530', 'INTERCITY', 'Волжск', 'Казань', 'volzhsky-perevozchik', 'volzhsk'),
];

/** Routes outside city service, by number: their appeals belong to the republic's ministry. */
export const regionalRouteNumbers: ReadonlySet<string> = new Set(busRoutes.filter((r) => r.kind !== 'CITY').map((r) => r.number));

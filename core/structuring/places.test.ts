import { describe, expect, it } from 'vitest';
import { loadRegionPack } from '../region/index.js';

const mariElMunicipalities = loadRegionPack('regions/mari-el').municipalities;
import { createMunicipalityMatcher } from './municipality-matcher.js';
import { placesSchema, readPlaces } from './places.schema.js';

const places = readPlaces(new URL('../../regions/mari-el/places.json', import.meta.url));
const matcher = createMunicipalityMatcher(mariElMunicipalities, places);
const codeOf = (text: string) => matcher.match(text)?.code ?? null;

describe('the gazetteer (regions/mari-el/places.json)', () => {
  it('names its sources and only known municipalities', () => {
    expect(places.sources.length).toBeGreaterThan(0);
    const known = new Set(mariElMunicipalities.map((m) => m.code));
    for (const item of [...places.settlements, ...places.microdistricts, ...places.aliases, ...places.landmarks])
      expect(known.has(item.municipality), item.name).toBe(true);
    for (const street of places.streets) expect(known.has(street.town), street.name).toBe(true);
    // Every district has villages beyond its centre.
    for (const municipality of mariElMunicipalities.filter((m) => m.kind === 'MUNICIPAL_DISTRICT')) {
      expect(places.settlements.filter((s) => s.municipality === municipality.code).length, municipality.code).toBeGreaterThanOrEqual(4);
    }
  });

  it('rejects a file without sources or with an empty name', () => {
    expect(placesSchema.safeParse({ ...places, sources: [] }).success).toBe(false);
    expect(placesSchema.safeParse({ ...places, streets: [{ name: ' ', town: 'yoshkar-ola', forms: ['x'] }] }).success).toBe(false);
  });
});

describe('places named the way residents name them', () => {
  it.each([
    ['в Сурке не вывозят мусор', 'medvedevsky'],
    ['из Помар автобус не ходит', 'volzhsky'],
    ['в Шиньше нет фельдшера', 'morkinsky'],
    ['дорога на Кокшамары размыта', 'zvenigovsky'],
    ['в Илети нет фельдшера', null],
    ['дорога на Кужмару размыта', null],
    ['в Кельмаково не вывозят мусор', 'yoshkar-ola'],
    ['в Нольке не вывозят мусор', null],
    ['в д. Кумья закрыли магазин', 'kilemarsky'],
    ['из Шой-Шудумари автобус не ходит', 'kuzhenersky'],
    ['в Нижних Олорах нет света', 'paranginsky'],
    ['в приволжском опять не топят', 'volzhsky'],
    ['в силикатном мусор не вывозят неделю', 'medvedevsky'],
    ['в Шоруньже нет фельдшера', 'morkinsky'],
    ['из Красного Стекловара автобус не ходит', 'morkinsky'],
    ['краснооктябрьский крыша дырявая как решето', 'medvedevsky'],
    ['в краснооктябрьском уличное освещение отключили', 'medvedevsky'],
    ['да, Советский это, Свердлова дом десять, крыша течет', 'sovetsky'],
    ['в п. Алексеевский не ходит автобус', 'sovetsky'],
  ])('a village in its case form (OKTMO; a name two districts share stays unresolved): %s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it.each([
    'мне говорят вас нет в базе, как лечиться', // «Васени»: Snowball cuts its genitive «Васен» to «вас»
    'опять в подъезде лужа, кровлю никто не чинит', // «Лужала»: Snowball cuts it to «лужа»
    'на дороге дружба с соседями кончилась', // «Дружба»: an everyday word, left out of the import
  ])('finds no village in an everyday word that a village name is cut down to: %s', (text) => {
    expect(codeOf(text)).toBeNull();
  });

  it.each([
    ['на Красноармейской 105 батареи холодные', 'yoshkar-ola'],
    ['ул. Йывана Кырли, 12 — нет горячей воды', 'yoshkar-ola'],
    ['на подольских курсантов фонари не горят', 'yoshkar-ola'],
    ['на лебедева бак один на три подъезда', 'yoshkar-ola'],
    ['мкр Звёздный, двор не чистят', 'yoshkar-ola'],
    ['в звездном садиков нет', 'yoshkar-ola'],
    ['гомзово опять без воды', 'yoshkar-ola'],
    ['на дубках мусор не вывозили неделю', 'yoshkar-ola'],
    ['Жители микрорайона Дубки просят тротуар', 'yoshkar-ola'],
    ['в Сомбатхее двор затопило', 'yoshkar-ola'],
    ['звездный 5 дом стояки холодные', 'yoshkar-ola'],
    ['дом № 7 по бульвару Победы: снег на крыше', 'yoshkar-ola'],
    ['светофор на пересечении панфилова и красноармейской мигает', 'yoshkar-ola'],
  ])('a street or microdistrict of one town only resolves to that town: %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it.each([
    'ул. Ленина, 5: нет воды',
    'на Советской яма',
    'в Полануре нет дороги', // a village of both the Medvedevsky and the Sernursky district
    'Жалоба на Кузнецова из управляющей компании',
    'в приволжском федеральном округе',
    'звездный час нашей управляющей компании',
    'Водитель отказался везти ребенка с транспортной картой школьника', // «Транспортная» is a street, not here
    'во дворе срубили дубки и клены',
  ])('leaves an ambiguous or non-place mention unresolved: %s', (text) => {
    expect(matcher.match(text)).toBeNull();
  });

  it.each([
    ['в йошке транспортную карту пополнить негде', 'yoshkar-ola'],
    ['в йошкаре нелегальные таксисты у вокзала', 'yoshkar-ola'],
    ['в волжской больнице лежим по 6 в палате', 'volzhsk'],
    ['Прошу обеспечить запись к врачам Волжской центральной городской больницы', 'volzhsk'],
  ])('a colloquial name or a landmark of one town: %s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it.each([
    ['Автобусы из п. Руэм в Йошкар-Олу в часы пик переполнены', 'medvedevsky'],
    ['из Шоруньжи до Йошкар-Олы автобус раз в день', 'morkinsky'],
  ])('a destination ranks after the place the resident is in: %s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it.each([
    ['с дубков до остановки идти полчаса по темноте', 'yoshkar-ola'],
    ['от звездного до рынка маршрутки не ходят', 'yoshkar-ola'],
    ['со звездного автобус убрали', 'yoshkar-ola'],
    ['с приволжского в город только на попутках', 'volzhsky'],
    ['Рейс от Советского отменили', 'sovetsky'],
    ['от красноармейской до рынка ямы', 'yoshkar-ola'],
  ])('«с/со/от» before a place is a preposition of place: %s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it.each([
    'гуляли с дубками и кленами во дворе', // «с» + the instrumental: «with»
    'сосед со звездным номером машины паркуется на газоне',
    'с Советским районным судом переписываемся год',
  ])('«с» + the instrumental is «with», not a place: %s', (text) => {
    expect(matcher.match(text)).toBeNull();
  });

  it.each([
    ['п. Приволжский ул. Лесная 3, нет света', 'volzhsky'],
    ['пос. Красногорский ул. Лесная — ямы', 'zvenigovsky'],
    ['пгт Советский улица Свердлова крыша течет', 'sovetsky'],
    ['п. краснооктябрьский ул. школьная мусор не вывозят', 'medvedevsky'],
  ])('a settlement word before an adjective name beats the street-name rule: %s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it.each([
    ['к Звёздному микрорайону автобус не ходит', 'yoshkar-ola'],
    ['живём под Гомзовом, дорогу размыло', 'yoshkar-ola'],
    ['за Ширяйковом в овраге свалка', 'yoshkar-ola'],
    ['возле Звёздного нет освещения', 'yoshkar-ola'],
    ['у Дубков опять прорвало трубу', 'yoshkar-ola'],
  ])('a microdistrict in any case form, after any preposition of place: %s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it.each([
    'за комсомольским значком очередь',
    'на комсомольской 12 лифт стоит неделю',
    'у предзаводского рынка грязь',
    'за звездным небом следим с балкона',
    'к девятому уроку дети устают',
  ])('an adjective agreeing with the next word is no microdistrict: %s', (text) => {
    expect(matcher.match(text)).toBeNull();
  });

  it('an adjective name before a street word without a settlement word is still a street name', () => {
    expect(matcher.match('на Приволжской улице яма')).toBeNull();
  });

  it('still prefers an explicit town to a street', () => {
    expect(codeOf('Волжск, ул. Йывана Кырли')).toBe('volzhsk');
    expect(matcher.match('на Красноармейской 105')?.confidence).toBe(0.7);
  });
});

import { describe, expect, it } from 'vitest';
import { loadRegionPack } from '../region/index.js';
import { createMunicipalityMatcher } from './municipality-matcher.js';

/** The default pack's municipalities (regions/mari-el): the names these tests are written in. */
const mariElMunicipalities = loadRegionPack('regions/mari-el').municipalities;

const matcher = createMunicipalityMatcher(mariElMunicipalities);
const codeOf = (text: string): string | null => matcher.match(text)?.code ?? null;

describe('createMunicipalityMatcher', () => {
  it.each([
    // Yoshkar-Ola
    ['На улице Панфилова в Йошкар-Оле третий день нет горячей воды', 'yoshkar-ola'],
    ['г. Йошкар-Ола, ул. Строителей, д. 5 — не убирают снег', 'yoshkar-ola'],
    ['ЙОШКАР-ОЛА: яма на дороге возле школы', 'yoshkar-ola'],
    ['Прошу отремонтировать дорогу в с. Семёновка', 'yoshkar-ola'],
    ['в Семеновке нет освещения', 'yoshkar-ola'],
    ['д. Шоя-Кузнецово, не ходит автобус', 'yoshkar-ola'],
    ['В йошкар-олинской поликлинике № 2 очереди', 'yoshkar-ola'],
    // Volzhsk (city) against the Volzhsky district
    ['В Волжске опять отключили отопление', 'volzhsk'],
    ['г.Волжск, ул. Шестакова — прорыв трубы', 'volzhsk'],
    ['Жители Волжска жалуются на запах', 'volzhsk'],
    ['В Волжском районе не вывозят мусор', 'volzhsky'],
    ['пгт Приволжский, ул. Мира: нет воды', 'volzhsky'],
    ['с. Помары, разбитая дорога до школы', 'volzhsky'],
    ['Администрация Волжского муниципального района не отвечает', 'volzhsky'],
    // Kozmodemyansk (city) against the Gornomariysky district
    ['Козьмодемьянск, ул. Советская, д. 12: протекает крыша', 'kozmodemyansk'],
    ['В Космодемьянске закрыли аптеку', 'kozmodemyansk'],
    ['Горномарийский район, с. Еласы: нет фельдшера', 'gornomariysky'],
    ['в селе Виловатово не работает клуб', 'gornomariysky'],
    // Zvenigovsky
    ['В Звенигове не горят фонари', 'zvenigovsky'],
    ['пгт Красногорский, перебои с электричеством', 'zvenigovsky'],
    ['В Суслонгере нет врача', 'zvenigovsky'],
    ['Звениговский р-н, с. Кокшайск: размыло дорогу', 'zvenigovsky'],
    // Kilemarsky
    ['пгт Килемары: школьный автобус не ходит', 'kilemarsky'],
    ['в Килемарском районе закрывают ФАП', 'kilemarsky'],
    // Kuzhenersky
    ['Куженер, улица Ленина, нет воды', 'kuzhenersky'],
    ['жители Куженерского района просят отремонтировать мост', 'kuzhenersky'],
    // Mari-Tureksky
    ['В Мари-Туреке не вывозят ТКО', 'mari-tureksky'],
    ['Мари-Турекского района жители просят автобус', 'mari-tureksky'],
    // Medvedevsky
    ['Жители Медведевского района жалуются на дороги', 'medvedevsky'],
    ['Медведевскому району нужна новая школа', 'medvedevsky'],
    ['в Медведевском районе нет газа', 'medvedevsky'],
    ['в поселке Руэм нет воды', 'medvedevsky'],
    ['пгт Краснооктябрьский: не убирают мусор', 'medvedevsky'],
    ['Медведево, ул. Советская — яма', 'medvedevsky'],
    ['д. Кузнецово Медведевского района', 'medvedevsky'],
    ['В Медведевской ЦРБ нет терапевта', 'medvedevsky'],
    // Morkinsky
    ['д. Шиньша Моркинского района: нет связи', 'morkinsky'],
    ['В Морках не работает котельная', 'morkinsky'],
    // Novotoryalsky, with the soft-sign misspelling
    ['Новоторьяльский район, нет дороги до деревни', 'novotoryalsky'],
    ['в Новом Торъяле закрыли баню', 'novotoryalsky'],
    ['Новоторъяльского района глава не принимает', 'novotoryalsky'],
    // Orshansky
    ['В Оршанке нет горячей воды', 'orshansky'],
    ['Оршанский район, с. Упша: нет магазина', 'orshansky'],
    // Paranginsky
    ['Параньга, ул. Новая — не вывозят мусор', 'paranginsky'],
    ['в Параньгинском районе нет скорой', 'paranginsky'],
    // Sernursky
    ['В Сернуре отключили свет', 'sernursky'],
    ['с. Марисола Сернурского района: разбитая дорога', 'sernursky'],
    // Sovetsky
    ['пгт Советский, ул. Свердлова: прорвало трубу', 'sovetsky'],
    ['в Советском районе закрыли школу', 'sovetsky'],
    ['Ронга: не ходит автобус до райцентра', 'sovetsky'],
    // Yurinsky
    ['пгт Юрино, замок Шереметева: разрушается крыша', 'yurinsky'],
    ['Юринский район, нет парома через Ветлугу', 'yurinsky'],
  ])('%s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it.each([
    'Не вывозят мусор уже неделю, контейнеры переполнены',
    'ул. Советская, д. 5: во дворе яма',
    'Жалоба на Кузнецова из управляющей компании',
    'Позвоните Медведевой Анне Петровне',
    'Приволжский федеральный округ',
    'Волжская набережная не освещена',
    'Республика Марий Эл',
    '',
  ])('finds no place in «%s»', (text) => {
    expect(matcher.match(text)).toBeNull();
  });

  it('prefers an explicit district over a settlement of another municipality', () => {
    // Шоя-Кузнецово is in the Yoshkar-Ola city district; the explicit district mention wins.
    expect(codeOf('д. Шоя-Кузнецово Моркинского района')).toBe('morkinsky');
  });

  it('keeps the longest name: «Волжском районе» is the district, not the city', () => {
    expect(matcher.match('в Волжском районе')).toEqual({ code: 'volzhsky', matched: 'Волжском районе', confidence: 0.95 });
  });

  it('returns the words as written and a confidence by kind of mention', () => {
    expect(matcher.match('на Йошкар - Оле')?.matched).toBe('Йошкар - Оле');
    expect(matcher.match('в поселке Руэм')).toEqual({ code: 'medvedevsky', matched: 'Руэм', confidence: 0.85 });
    expect(matcher.match('в Руэме')?.confidence).toBe(0.75);
    expect(matcher.match('Моркинская школа')?.confidence).toBe(0.9);
  });

  it('ranks a town written in the accusative after «в/на» as a destination: the Volzhsky villager who goes to Volzhsk', () => {
    expect(codeOf('В Сотнуре закрыли аптеку, за лекарствами ездим в Волжск')).toBe('volzhsky');
    expect(codeOf('возим детей в Волжск в школу, живём в Помарах')).toBe('volzhsky');
    expect(codeOf('Волжский район, за хлебом ездим в Волжск')).toBe('volzhsky');
    // The locative is where the resident is; a destination alone is still the place.
    expect(codeOf('в Волжске опять нет воды, а в Помары автобус не ходит')).toBe('volzhsk');
    expect(codeOf('в Волжск автобус не ходит')).toBe('volzhsk');
  });

  it('takes the first explicit mention when several places are named', () => {
    expect(codeOf('Живу в Медведевском районе, работаю в Йошкар-Оле')).toBe('medvedevsky');
  });

  it('ignores streets named after places', () => {
    expect(codeOf('г. Волжск, ул. Йошкар-Олинская')).toBe('volzhsk');
    expect(codeOf('Козьмодемьянский тракт, Йошкар-Ола')).toBe('yoshkar-ola');
  });

  it('covers every municipality', () => {
    for (const municipality of mariElMunicipalities) {
      expect(codeOf(`обращение: ${municipality.shortName}`), municipality.code).toBe(municipality.code);
    }
  });
});

describe('adjective settlement names without a settlement word', () => {
  const matcher = createMunicipalityMatcher(mariElMunicipalities);
  it.each([
    ['В Красногорском с утра нет света', 'zvenigovsky'],
    ['Живём в Приволжском на улице Заводской', 'volzhsky'],
    ['Советский, ул. Свердлова: не вывозят мусор', 'sovetsky'],
    ['Автобус из Советского ушёл раньше времени', 'sovetsky'],
  ])('finds a capitalised name after a preposition of place or before punctuation: %s', (text, code) => {
    expect(matcher.match(text)?.code).toBe(code);
  });

  it.each(['советский союз распался давно', 'Приволжский федеральный округ', 'на Советской улице яма', 'Красногорский завод закрыт'])(
    'ignores it in lower case, before a noun or as a street: %s',
    (text) => {
      expect(matcher.match(text)).toBeNull();
    },
  );
});

import { describe, expect, it } from 'vitest';
import { allPlugins } from '../../plugins/index.js';
import { loadRegionPack } from '../region/index.js';
import { createStructurer, KEYWORD_RULE } from './structurer.js';
import { createKeywordClassifier } from './keyword-classifier.js';
import { committedModel, type StructuringModel } from './linear-model.js';
import { SUMMARY_MAX_LENGTH } from './summary.js';
import { loadConfig } from '../config/config.js';

/** The default pack's municipalities (regions/mari-el): the names these tests are written in. */
const mariElMunicipalities = loadRegionPack('regions/mari-el').municipalities;

const structurer = createStructurer(allPlugins, mariElMunicipalities);
/** The default STRUCTURING_MIN_CONFIDENCE: at or above it the appeal is structured without a specialist. */
const THRESHOLD = loadConfig({}).STRUCTURING_MIN_CONFIDENCE;

// Written for this test, not taken from bench/data: plain phrasings a resident might use.
const phrases: [string, string, string][] = [
  ['Третий день в квартире холодно, батареи ледяные, управляющая компания не отвечает', 'housing', 'housing.heating'],
  ['Лифт в нашем девятиэтажном доме стоит уже неделю, пожилые не могут выйти', 'housing', 'housing.elevator'],
  ['Когда начнут капитальный ремонт крыши по региональной программе? Взносы платим исправно', 'housing', 'housing.capital-repair'],
  ['Мусор не вывозят уже неделю, мусоровоз не приезжал', 'waste', 'waste.missed-pickup'],
  ['За лесополосой образовалась стихийная свалка строительного мусора', 'waste', 'waste.illegal-dump'],
  ['Куда сдать старые батарейки и ртутный градусник?', 'waste', 'waste.hazardous'],
  ['Вчера вечером отключили свет во всей деревне, электричества нет до сих пор', 'energy', 'energy.power-outage'],
  ['В подъезде сильно пахнет газом, соседи боятся', 'energy', 'energy.gas-leak'],
  ['Подали заявку на социальную догазификацию, а газопровод до участка так и не провели', 'energy', 'energy.gasification'],
  ['Сыну три года, а место в детском саду так и не дали, очередь стоит', 'education', 'education.kindergarten-queue'],
  ['В школе нет учителя физики с сентября, уроки просто отменяют', 'education', 'education.teachers-shortage'],
  ['Школьный автобус перестал возить детей из нашего села', 'education', 'education.school-transport'],
  ['Не могу записаться к терапевту: талонов в регистратуре нет на две недели вперёд', 'health', 'health.appointment'],
  ['Скорая ехала к отцу больше часа, диспетчер бросала трубку', 'health', 'health.ambulance'],
  ['В аптеке нет льготного инсулина по рецепту уже месяц', 'health', 'health.drugs'],
  ['На дороге огромные ямы, асфальт разбит, машины ломают подвески', 'roads', 'roads.potholes'],
  ['Улицу после снегопада не чистят, грейдер не приезжал, сугробы по колено', 'roads', 'roads.snow-clearing'],
  ['У школы нет пешеходного перехода, дети бегут через дорогу', 'roads', 'roads.pedestrian-crossings'],
  ['Автобус по маршруту ходит раз в час, расписание не соблюдается', 'transport', 'transport.schedule'],
  ['Водитель маршрутки хамил пассажирам и курил за рулём', 'transport', 'transport.driver-conduct'],
  ['Подорожал проезд, а транспортную карту в автобусе не принимают', 'transport', 'transport.fares'],
  ['Отказали в едином пособии на ребёнка из-за доходов прошлого года', 'social', 'social.child-benefits'],
  ['Как оформить статус многодетной семьи и удостоверение?', 'social', 'social.large-families'],
  ['Второй год не выдают инвалидную коляску и подгузники', 'social', 'social.rehab-equipment'],
];

describe('structuring free text', () => {
  it.each(phrases)('%s → %s / %s', (text, sector, category) => {
    const result = structurer.structure(text);
    expect(result.sectorCode).toBe(sector);
    expect(result.categoryCode).toBe(category);
    expect(result.rule).toContain(`${KEYWORD_RULE} ${category}:`);
  });

  it('covers every sector with the phrases above', () => {
    expect(new Set(phrases.map(([, sector]) => sector))).toEqual(new Set(allPlugins.map((plugin) => plugin.code)));
  });

  it('structures a clear appeal above the threshold, with its municipality and a summary', () => {
    const result = structurer.structure('Жители Медведевского района. В нашем доме нет горячей воды вторую неделю, водоснабжение не восстановили.');
    expect(result).toMatchObject({ sectorCode: 'housing', categoryCode: 'housing.water-supply', municipalityCode: 'medvedevsky' });
    expect(result.confidence).toBeGreaterThanOrEqual(THRESHOLD);
    expect(result.summary).toBe('В нашем доме нет горячей воды вторую неделю, водоснабжение не восстановили.');
    expect(result.rule).toMatch(/place: «Медведевского района»$/);
  });

  it('leaves text without any keyword below the threshold, with no sector', () => {
    const result = structurer.structure('Прошу разобраться и принять меры!');
    expect(result).toMatchObject({ sectorCode: null, categoryCode: null, confidence: 0 });
    expect(result.rule).toBe(`${KEYWORD_RULE}: no keywords`);
    expect(result.confidence).toBeLessThan(THRESHOLD);
  });

  it('leaves an appeal that mixes two sectors evenly below the threshold', () => {
    const result = structurer.structure('Отключили свет, а в поликлинике нет врача');
    expect(['energy', 'health']).toContain(result.sectorCode);
    expect(result.confidence).toBeLessThan(THRESHOLD);
  });

  it('leaves one generic word that happens to be in a phrase below the threshold', () => {
    // «ждать» is in «ждать автобус», but a request to act is no transport appeal.
    const result = structurer.structure('Прошу разобраться и принять меры, сколько можно ждать ответа!');
    expect(result.confidence).toBeLessThan(THRESHOLD);
  });

  it('gives one word of a longer phrase less confidence than the whole phrase', () => {
    const word = structurer.structure('Сломалось колесо');
    const phrase = structurer.structure('Сломалось колесо у мусорного контейнера, бак не катается');
    expect(phrase.sectorCode).toBe('waste');
    expect(word.confidence).toBeLessThan(THRESHOLD);
    expect(phrase.confidence).toBeGreaterThan(word.confidence);
  });

  it('matches capitalised acronyms as words, not as stems of ordinary words', () => {
    expect(structurer.structure('В нашем селе закрыли ФАП, фельдшера нет').categoryCode).toBe('health.rural-care');
    const ordinary = createKeywordClassifier([{ sectorCode: 'social', category: { code: 'social.svo', name: 'СВО', keywords: ['СВО'] } }]);
    expect(ordinary.classify('Подали заявление о своём участии').sectorCode).toBeNull();
    expect(ordinary.classify('Муж — участник СВО').sectorCode).toBe('social');
  });

  it('seeks the category within a sector the channel already gave', () => {
    const text = 'Просим установить фонари вдоль дороги к школе';
    expect(structurer.structure(text, { sectorCode: 'roads' }).sectorCode).toBe('roads');
    expect(structurer.structure(text, { sectorCode: 'roads' }).categoryCode?.startsWith('roads.')).toBe(true);
  });

  it('classifies only by the enabled plugins', () => {
    const housingOnly = createStructurer(
      allPlugins.filter((plugin) => plugin.code === 'housing'),
      mariElMunicipalities,
    );
    expect(housingOnly.structure('Не вывозят мусор, контейнеры переполнены').sectorCode).not.toBe('waste');
  });

  it('keeps a summary no longer than the limit, cut at a word', () => {
    const long = `Не вывозят мусор ${'очень долго и много раз '.repeat(20)}`;
    const summary = structurer.structure(long).summary!;
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
    expect(summary.endsWith('…')).toBe(true);
    expect(structurer.structure('   ').summary).toBeNull();
  });

  it('with the category known, finds the same place and summary without running the model', () => {
    const model = committedModel()!;
    let ranked = 0;
    const counting: StructuringModel = {
      ...model,
      rankSectors: (...args) => (ranked++, model.rankSectors(...args)),
      rankCategories: (...args) => (ranked++, model.rankCategories(...args)),
    };
    const withModel = createStructurer(allPlugins, mariElMunicipalities, { model: counting });
    const text = 'Жители Медведевского района. В нашем доме нет горячей воды вторую неделю, водоснабжение не восстановили.';
    const full = withModel.structure(text, { sectorCode: 'housing' });
    expect(ranked).toBeGreaterThan(0);
    ranked = 0;
    const placeOnly = withModel.structure(text, { sectorCode: 'housing', categoryKnown: true });
    expect(ranked).toBe(0);
    expect(placeOnly).toMatchObject({ municipalityCode: 'medvedevsky', summary: full.summary, categoryCode: null, suggestions: [] });
  });
});

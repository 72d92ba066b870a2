import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { matchAnnouncement, type AppealFactsForMatching } from './intake-matching.js';
import type { ActiveAnnouncement } from './active-announcements.js';
import { settlementKey, streetKey, topicStems } from './place-keys.js';
import { validateAnnouncement } from './announcement.rules.js';
import { ReferenceDirectory } from '../lifecycle/reference-directory.js';
import { Role } from '../entities/enums.js';
import { AnnouncementKind } from './announcement-enums.js';
import { streetGazetteer } from './known-streets.js';
import { regionPlaces, type Places } from '../structuring/places.schema.js';

const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';
const NOW = Date.parse('2026-12-07T10:00:00Z');

const announcement = (over: Partial<ActiveAnnouncement> = {}): ActiveAnnouncement => ({
  id: 'a',
  kind: 'OUTAGE',
  title: 'Отключение воды',
  body: 'Авария на водоводе',
  validFrom: NOW - 3600_000,
  validTo: NOW + 3600_000,
  municipalityIds: new Set([M1]),
  placeKeys: [],
  sectors: new Set(),
  categories: new Set(['housing.water-supply']),
  topic: topicStems('Отключение холодной воды'),
  ...over,
});
const appeal = (over: Partial<AppealFactsForMatching> = {}): AppealFactsForMatching => ({
  municipalityId: M1,
  sectorCode: 'housing',
  categoryCode: 'housing.water-supply',
  receivedAt: NOW,
  needsStructuring: false,
  text: 'Нет воды',
  address: null,
  ...over,
});
const none = () => [];

describe('matching a new appeal to an announcement', () => {
  it('matches category and place in the period, and nothing outside it', () => {
    expect(matchAnnouncement([announcement()], appeal(), none)?.by).toBe('category');
    expect(matchAnnouncement([announcement()], appeal({ municipalityId: M2 }), none)).toBeNull();
    expect(matchAnnouncement([announcement()], appeal({ categoryCode: 'housing.heating' }), none)).toBeNull();
    expect(matchAnnouncement([announcement()], appeal({ receivedAt: NOW + 2 * 3600_000 }), none)).toBeNull();
    expect(matchAnnouncement([announcement()], appeal({ receivedAt: NOW - 2 * 3600_000 }), none)).toBeNull();
    expect(matchAnnouncement([announcement({ validTo: null })], appeal({ receivedAt: NOW + 99 * 3600_000 }), none)?.by).toBe('category');
  });

  it('matches a sector audience by the appeal sector, and a region-wide one anywhere', () => {
    const bySector = announcement({ categories: new Set(), sectors: new Set(['housing']), municipalityIds: new Set() });
    expect(matchAnnouncement([bySector], appeal({ municipalityId: M2, categoryCode: 'housing.heating' }), none)?.by).toBe('sector');
  });

  it('answers nothing without a sector or category (delivery only)', () => {
    expect(matchAnnouncement([announcement({ categories: new Set() })], appeal(), none)).toBeNull();
  });

  it('needs the street or settlement in the address or text when the audience names them', () => {
    const street = announcement({ placeKeys: [streetKey('ул. Советская')] });
    expect(matchAnnouncement([street], appeal({ address: 'г. Волжск, Советская ул., 5' }), none)).not.toBeNull();
    expect(matchAnnouncement([street], appeal({ text: 'На Советской улице нет воды' }), none)).not.toBeNull();
    expect(matchAnnouncement([street], appeal({ address: 'ул. Ленина, 5' }), none)).toBeNull();
    const settlement = announcement({ placeKeys: [settlementKey('Семёновка')] });
    expect(matchAnnouncement([settlement], appeal({ text: 'в семеновке нет воды' }), none)).not.toBeNull();
  });

  it('an appeal waiting for structuring matches on the classifier guess, else on the title words in its municipality', () => {
    const waiting = appeal({ categoryCode: null, sectorCode: null, needsStructuring: true, text: 'в Козьмодемьянске опять вода не идёт' });
    expect(matchAnnouncement([announcement()], waiting, () => [{ sectorCode: 'housing', categoryCode: 'housing.water-supply' }])?.by).toBe('suggestion');
    // The second suggestion counts too: the best guess may be another sector's.
    const second = () => [
      { sectorCode: 'roads', categoryCode: 'roads.drainage' },
      { sectorCode: 'housing', categoryCode: 'housing.water-supply' },
    ];
    expect(matchAnnouncement([announcement()], waiting, second)?.by).toBe('suggestion');
    expect(matchAnnouncement([announcement()], waiting, none)?.by).toBe('words');
    expect(matchAnnouncement([announcement()], { ...waiting, text: 'в Козьмодемьянске опять нет света' }, none)).toBeNull();
    // A structured appeal never matches on words: its category decides.
    expect(matchAnnouncement([announcement()], { ...waiting, needsStructuring: false, categoryCode: 'roads.pits' }, none)).toBeNull();
    // Nor does a region-wide announcement on words alone.
    expect(matchAnnouncement([announcement({ municipalityIds: new Set() })], waiting, none)).toBeNull();
  });
});

/** One housing sector with its water-supply category, in the given towns. */
const waterDirectory = (municipalities: { id: string; code: string }[]) =>
  new ReferenceDirectory({
    orgs: [],
    sectors: [{ id: 's', code: 'housing' }],
    categories: [{ id: 'c', code: 'housing.water-supply', sectorId: 's', sectorCode: 'housing' }],
    municipalities,
  });

/** A water outage announcement for these streets of these towns. */
const outage = (streets: string[], municipalityIds: string[]) => ({
  kind: AnnouncementKind.OUTAGE,
  title: 'Т',
  body: 'Б',
  validFrom: new Date(NOW),
  validTo: null,
  audience: { municipalityIds, streets, categories: ['housing.water-supply'] },
});

describe('streets against the region pack', () => {
  const directory = waterDirectory([
    { id: M1, code: 'volzhsk' },
    { id: M2, code: 'other' },
  ]);
  const input = (streets: string[], municipalityIds = [M1]) => outage(streets, municipalityIds);
  const env = (lists: Record<string, string[] | null>) => ({
    em: {} as EntityManager,
    directory,
    user: { id: 'u', role: Role.CENTER_SPECIALIST, organizationId: null, sectors: [] },
    streetsOf: (code: string) => (lists[code] ? new Set(lists[code]!.map(streetKey)) : null),
  });

  it('refuses a street the pack does not list where it lists the town streets, naming it', async () => {
    await expect(validateAnnouncement(input(['ул. Советская, 5', 'ул. Несуществующая']), env({ volzhsk: ['Советская улица'] }))).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.audience.streets.1' },
    });
    const ok = await validateAnnouncement(input(['ул. Советская, 5']), env({ volzhsk: ['Советская улица'] }));
    expect(ok.audience.streetKeys).toEqual(['советск 5']);
  });

  it('accepts any street where the pack lists none (the gazetteer is not there yet)', async () => {
    const ok = await validateAnnouncement(input(['ул. Любая']), env({ volzhsk: null }));
    expect(ok.audience.streets).toEqual(['ул. Любая']);
    // One of the towns without a list: the street may be there.
    await expect(validateAnnouncement(input(['ул. Любая'], [M1, M2]), env({ volzhsk: ['Советская'], other: null }))).resolves.toBeDefined();
  });
});

describe('streets through the region gazetteer (regions/<code>/places.json)', () => {
  const M3 = '33333333-3333-4333-8333-333333333333';
  const directory = waterDirectory([
    { id: M3, code: 'yoshkar-ola' },
    { id: M1, code: 'volzhsk' },
  ]);
  const user = { id: 'u', role: Role.CENTER_SPECIALIST, organizationId: null, sectors: [] };
  const input = (streets: string[], municipalityIds = [M3]) => outage(streets, municipalityIds);
  const marieEl = streetGazetteer(regionPlaces('regions/mari-el'));
  const active = (streetKeys: string[]) => announcement({ municipalityIds: new Set([M3]), placeKeys: streetKeys });
  const water = (text: string) => appeal({ municipalityId: M3, text });

  it('an announcement for a street answers appeals that name it in any form the gazetteer lists', async () => {
    const valid = await validateAnnouncement(input(['ул. Йывана Кырли, 12']), { em: {} as EntityManager, directory, user, streets: marieEl });
    expect(valid.audience.streets).toEqual(['ул. Йывана Кырли, 12']);
    expect(valid.audience.streetKeys).toEqual(expect.arrayContaining(['йыва кырл 12', 'кырл 12']));
    // Residents write the short form: «на Кырли 12».
    expect(matchAnnouncement([active(valid.audience.streetKeys)], water('на Кырли 12 нет холодной воды'), none)?.by).toBe('category');
    expect(matchAnnouncement([active(valid.audience.streetKeys)], water('ул. Йывана Кырли, д. 12, нет воды'), none)?.by).toBe('category');
    expect(matchAnnouncement([active(valid.audience.streetKeys)], water('на Кырли 14 нет воды'), none)).toBeNull(); // another house
    // Without the gazetteer the short form is not this street.
    const bare = await validateAnnouncement(input(['ул. Йывана Кырли, 12']), { em: {} as EntityManager, directory, user });
    expect(matchAnnouncement([active(bare.audience.streetKeys)], water('на Кырли 12 нет холодной воды'), none)).toBeNull();
  });

  it('a street without a house number matches every form, and a boulevard without its type word', async () => {
    const valid = await validateAnnouncement(input(['бульвар Чавайна']), { em: {} as EntityManager, directory, user, streets: marieEl });
    expect(matchAnnouncement([active(valid.audience.streetKeys)], water('на Чавайна 5 третий день нет воды'), none)?.by).toBe('category');
    expect(matchAnnouncement([active(valid.audience.streetKeys)], water('на Эшкинина 5 нет воды'), none)).toBeNull();
    // The gazetteer's forms are per town: the same name in a town that does not list it keeps its own key only.
    const elsewhere = await validateAnnouncement(input(['ул. Йывана Кырли'], [M1]), { em: {} as EntityManager, directory, user, streets: marieEl });
    expect(elsewhere.audience.streetKeys).toEqual(['йыва кырл']);
  });

  it('refuses an unlisted street only in a town whose list the pack marks complete', async () => {
    // Mari El's gazetteer lists streets for recognition, not in full: any street of Yoshkar-Ola is accepted.
    expect(marieEl.knownStreets('yoshkar-ola')).toBeNull();
    await expect(validateAnnouncement(input(['ул. Новая']), { em: {} as EntityManager, directory, user, streets: marieEl })).resolves.toBeDefined();
    const places: Places = {
      region: 'test',
      sources: [{ what: 'test', where: 'test' }],
      settlements: [],
      microdistricts: [],
      commonStreetNames: [],
      aliases: [],
      landmarks: [],
      streets: [{ name: 'Йывана Кырли', town: 'yoshkar-ola', forms: ['Йывана Кырли', 'Кырли'] }],
      completeStreetLists: ['yoshkar-ola'],
    };
    const complete = streetGazetteer(places);
    await expect(
      validateAnnouncement(input(['ул. Кырли, 3', 'ул. Новая']), { em: {} as EntityManager, directory, user, streets: complete }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.audience.streets.1' } });
    await expect(validateAnnouncement(input(['ул. Кырли, 3']), { em: {} as EntityManager, directory, user, streets: complete })).resolves.toBeDefined();
  });
});

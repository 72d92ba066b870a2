import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../entities/enums.js';
import { badInput, forbidden } from '../errors/errors.js';
import { pgQuery } from '../db/pg-query.js';
import type { ReferenceDirectory } from '../lifecycle/reference-directory.js';
import type { StoredAudience } from './announcement.entity.js';
import type { AnnouncementInput } from './announcement.input.js';
import { AnnouncementKind } from './announcement-enums.js';
import { NO_GAZETTEER, type StreetGazetteer } from './known-streets.js';
import { settlementKey, streetKey, streetNameKey, tidyPlace } from './place-keys.js';

export const MAX_TITLE = 300;
export const MAX_BODY = 10_000;
export const MAX_REASON = 2000;
const MAX_PLACE = 200;
const MAX_LIST = 500;

/** Roles that draft for any body and audience, and approve, publish and withdraw (decree clause 7: the ЦУР informs). */
export const CENTER_STAFF: ReadonlySet<Role> = new Set([Role.CENTER_SPECIALIST, Role.CENTER_HEAD]);

export interface ValidAnnouncement {
  kind: AnnouncementKind;
  title: string;
  body: string;
  organizationId: string | null;
  validFrom: Date;
  validTo: Date | null;
  audience: StoredAudience;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Required text: trimmed, not blank, no NUL byte, at most `max` characters. */
export function requiredText(value: unknown, field: string, what: string, max: number): string {
  if (typeof value !== 'string') throw badInput(field, `${what}: ожидается строка`);
  if (value.includes('\u0000')) throw badInput(field, `${what}: недопустимый символ`);
  const text = value.trim();
  if (!text) throw badInput(field, `${what}: не может быть пустым`);
  if (text.length > max) throw badInput(field, `${what}: не длиннее ${max} символов`, { max });
  return text;
}

function list(values: readonly string[] | null | undefined, field: string, what: string): string[] {
  const items = values ?? [];
  if (items.length > MAX_LIST) throw badInput(field, `${what}: не более ${MAX_LIST}`, { max: MAX_LIST });
  return [...new Set(items.map((value, i) => tidyPlace(requiredText(value, `${field}.${i}`, what, MAX_PLACE))))];
}

export interface RulesEnv {
  em: EntityManager;
  directory: ReferenceDirectory;
  user: AuthUser;
  /** The region pack's gazetteer (known-streets.ts `regionStreets`); none: every street as written. */
  streets?: StreetGazetteer;
  /** The pack's complete street list of a town (null: none, accept); the gazetteer's by default. */
  streetsOf?: (municipalityCode: string) => Set<string> | null;
}

/**
 * Checks an AnnouncementInput and puts its audience in stored form. Every
 * refusal is BAD_USER_INPUT naming the field (`input.audience.streets.2`);
 * a body operator may speak only for its body, a sector role only to its
 * sectors (FORBIDDEN otherwise).
 */
export async function validateAnnouncement(input: AnnouncementInput, env: RulesEnv): Promise<ValidAnnouncement> {
  const { directory, user } = env;
  if (!Object.values(AnnouncementKind).includes(input.kind)) throw badInput('input.kind', 'Неизвестный вид объявления');
  const title = requiredText(input.title, 'input.title', 'Заголовок', MAX_TITLE);
  const body = requiredText(input.body, 'input.body', 'Текст', MAX_BODY);
  const validFrom = input.validFrom;
  const validTo = input.validTo ?? null;
  if (!(validFrom instanceof Date) || Number.isNaN(validFrom.getTime())) throw badInput('input.validFrom', 'Начало действия: ожидается дата и время');
  if (validTo && validTo.getTime() <= validFrom.getTime()) throw badInput('input.validTo', 'Окончание действия должно быть позже начала');

  // The speaking body.
  let organizationId = input.organizationId ?? null;
  if (user.role === Role.ORG_OPERATOR) {
    if (!user.organizationId) throw forbidden('Оператор не привязан к органу');
    organizationId ??= user.organizationId;
    if (!directory.orgById.has(organizationId) || !directory.isWithin(organizationId, user.organizationId)) {
      throw forbidden('Оператор органа готовит объявления только от имени своего органа');
    }
  }
  if (organizationId && (!UUID.test(organizationId) || !directory.orgById.has(organizationId))) {
    throw badInput('input.organizationId', `Неизвестная организация ${organizationId}`);
  }

  const a = input.audience ?? {};
  const field = (name: string) => `input.audience.${name}`;
  const municipalityIds = [...new Set(a.municipalityIds ?? [])];
  if (municipalityIds.length > MAX_LIST) throw badInput(field('municipalityIds'), `Муниципалитетов: не более ${MAX_LIST}`);
  municipalityIds.forEach((id, i) => {
    if (!UUID.test(id) || !directory.municipalityById.has(id)) throw badInput(`${field('municipalityIds')}.${i}`, `Неизвестный муниципалитет ${id}`);
  });
  const sectors = list(a.sectors, field('sectors'), 'Отраслевой блок');
  sectors.forEach((code, i) => {
    if (!directory.sectorByCode.has(code)) throw badInput(`${field('sectors')}.${i}`, `Неизвестный отраслевой блок «${code}»`);
  });
  let categories = list(a.categories, field('categories'), 'Рубрика');
  categories.forEach((code, i) => {
    if (!directory.categoryByCode.has(code)) throw badInput(`${field('categories')}.${i}`, `Неизвестная рубрика «${code}»`);
  });

  // A regional problem: its category and place, unless the audience names its own.
  const problemId = a.problemId ?? null;
  if (problemId) {
    const [problem] = UUID.test(problemId)
      ? await pgQuery<{ category_id: string; municipality_id: string | null }>(env.em, 'select category_id, municipality_id from problem where id = $1', [
          problemId,
        ])
      : [];
    if (!problem) throw badInput(field('problemId'), `Неизвестная проблема ${problemId}`);
    const category = directory.categoryById.get(problem.category_id);
    if (!categories.length && !sectors.length && category) categories = [category.code];
    if (!municipalityIds.length && problem.municipality_id) municipalityIds.push(problem.municipality_id);
  }

  const settlements = list(a.settlements, field('settlements'), 'Населённый пункт');
  const streets = list(a.streets, field('streets'), 'Улица или адрес');
  if ((settlements.length || streets.length) && !municipalityIds.length) {
    throw badInput(field('municipalityIds'), 'Населённые пункты и улицы указываются вместе с муниципалитетом');
  }
  if (settlements.length) {
    const rows = await pgQuery<{ settlements: string[] }>(env.em, 'select settlements from municipality where id = any($1::uuid[])', [municipalityIds]);
    const known = new Set(rows.flatMap((row) => row.settlements ?? []).map(settlementKey));
    settlements.forEach((name, i) => {
      if (known.size && !known.has(settlementKey(name)))
        throw badInput(`${field('settlements')}.${i}`, `Населённый пункт «${name}» не найден в указанных муниципалитетах`);
    });
  }
  const ownKeys = streets.map((street, i) => {
    const key = streetKey(street);
    if (!key) throw badInput(`${field('streets')}.${i}`, `Не удалось распознать улицу «${street}»`);
    return key;
  });
  // A street is checked against the region pack only where the pack lists the town's streets.
  const gazetteer = env.streets ?? NO_GAZETTEER;
  const streetsOf = env.streetsOf ?? gazetteer.knownStreets;
  const townCodes = municipalityIds.map((id) => directory.municipalityById.get(id)!.code);
  const lists = townCodes.map((code) => streetsOf(code));
  if (streets.length && lists.every((known) => known !== null)) {
    const known = new Set(lists.flatMap((set) => [...set!]));
    ownKeys.forEach((key, i) => {
      if (!known.has(streetNameKey(key))) throw badInput(`${field('streets')}.${i}`, `Улица «${streets[i]}» не найдена в справочнике улиц`);
    });
  }

  // Stored with every written form the gazetteer knows, so the intake and the delivery match them all.
  const streetKeys = [...new Set(ownKeys.flatMap((key) => gazetteer.expand(key, townCodes)))];

  if (!municipalityIds.length && !settlements.length && !streets.length && !sectors.length && !categories.length && !problemId) {
    throw badInput('input.audience', 'Аудитория не задана: укажите место, отраслевой блок, рубрику или проблему');
  }

  // Sector roles speak to their sectors only.
  if (user.role === Role.SECTOR_LEAD || user.role === Role.SECTOR_SPECIALIST) {
    const theirs = new Set(user.sectors);
    const outside = [
      ...sectors.filter((code) => !theirs.has(code)),
      ...categories.filter((code) => !theirs.has(directory.categoryByCode.get(code)!.sectorCode)),
    ];
    if (outside.length || (!sectors.length && !categories.length)) throw forbidden('Сотрудник отраслевого блока готовит объявления только по своим блокам');
  }

  return {
    kind: input.kind,
    title,
    body,
    organizationId,
    validFrom,
    validTo,
    audience: { municipalityIds, settlements, streets, streetKeys, sectors, categories, problemId },
  };
}

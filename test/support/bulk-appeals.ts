import type { EntityManager } from '@mikro-orm/postgresql';
import { Faker, base, ru } from '@faker-js/faker';
import { randomUUID } from 'node:crypto';
import { computeDeadline, type WorkingCalendar } from '../../core/deadlines/index.js';
import { AppealStatus } from '../../core/entities/enums.js';
import { appealNumberSql } from '../../core/appeals/appeal-number.js';
import {
  CHANNEL_WEIGHTS,
  FZ59_CHANNELS,
  INCIDENT_CHANNELS,
  OPENINGS,
  ANSWERS,
  BOILERPLATE_ANSWER,
  NEGATIVE_COMMENTS,
  RETURN_REASONS,
  weighted,
} from '../../core/seed/demo-vocabulary.js';
import { insertInto, query, sql } from '../../core/db/sql.js';
import { loadRegionPack } from '../../core/region/index.js';

export interface BulkAppealOptions {
  count: number;
  now: Date;
  regionCode: string;
  calendar: WorkingCalendar;
  /** The same seed and `now` give the same data set. */
  seed: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Ref {
  id: string;
  code: string;
}
interface CategoryRef extends Ref {
  sector_id: string;
  name: string;
  keywords: string[];
}
interface OrgRef extends Ref {
  kind: string;
  sectors: string[];
  municipality_id: string | null;
}

/**
 * Bulk data for benchmarks (50,000 appeals and more) and for tests that need
 * many appeals in every state, fast: rows written directly with multi-row
 * inserts, deadlines from the engine, a summary audit trail. NOT the demo:
 * its histories are not the lifecycle's (`npm start`'s demo goes through the
 * lifecycle, core/seed/demo-appeals.ts); never use it for data people see.
 */
export async function generateBulkAppeals(em: EntityManager, options: BulkAppealOptions): Promise<number> {
  const faker = new Faker({ locale: [ru, base] });
  faker.seed(options.seed);
  const categories = await query<CategoryRef>(em, sql`select id, code, sector_id, name, keywords from category order by code`);
  const municipalities = await query<Ref & { population: number; short_name: string }>(
    em,
    sql`select id, code, population, short_name from municipality order by code`,
  );
  const sectors = await query<Ref>(em, sql`select id, code from sector order by code`);
  const orgs = await query<OrgRef>(em, sql`select id, code, kind, sectors, municipality_id from organization order by code`);
  const operators = await query<{ id: string; organization_id: string }>(
    em,
    sql`select id, organization_id from app_user where role = 'ORG_OPERATOR' order by email`,
  );
  if (!categories.length || !municipalities.length) return 0;

  const sectorCode = new Map(sectors.map((s) => [s.id, s.code]));
  const municipalityWeights = municipalities.map((m) => [m, m.population] as [typeof m, number]);
  // The places the appeals name: the default pack's demo streets and hot spots.
  const { streets, hotSpots } = loadRegionPack().demo;
  const appeals: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];

  for (let i = 0; i < options.count; i++) {
    const channel = weighted(faker, CHANNEL_WEIGHTS);
    let category = faker.helpers.arrayElement(categories);
    let municipality = weighted(faker, municipalityWeights);
    // Recent months are busier: squaring the uniform value leans towards now.
    const ageMs = Math.floor(faker.number.float({ min: 0, max: 1 }) ** 1.5 * 395 * DAY) + HOUR;
    // Hot spots of the last two months: many appeals on one question in one street (regional problems).
    const hot = ageMs < 60 * DAY && faker.datatype.boolean(0.08) ? faker.helpers.arrayElement(hotSpots) : null;
    const hotCategory = hot && categories.find((c) => c.code === hot.category);
    const hotMunicipality = hot && municipalities.find((m) => m.code === hot.municipalityCode);
    if (hotCategory && hotMunicipality) {
      category = hotCategory;
      municipality = hotMunicipality;
    }
    const sector = sectorCode.get(category.sector_id)!;
    const receivedAt = new Date(options.now.getTime() - ageMs);
    const fz59 = FZ59_CHANNELS.has(channel);
    const registeredAt = new Date(receivedAt.getTime() + faker.number.int({ min: 5, max: 40 * 60 }) * 60_000);
    const deadline = computeDeadline({ channel, fz59, receivedAt, registeredAt, calendar: options.calendar });
    const organization = responsibleBody(faker, orgs, sector, municipality.id);
    const assignee = faker.helpers.arrayElement(operators.filter((op) => op.organization_id === organization?.id).concat([{ id: '', organization_id: '' }]));
    const status = demoStatus(faker, ageMs, deadline.totalMs);
    const late = faker.number.float({ min: 0, max: 1 }) < 0.12;
    const answerMs = late ? deadline.totalMs * faker.number.float({ min: 1.02, max: 1.6 }) : deadline.totalMs * faker.number.float({ min: 0.05, max: 0.95 });
    const answeredAt = ANSWERED.has(status) ? new Date(Math.min(deadline.startsAt.getTime() + answerMs, options.now.getTime() - HOUR)) : null;
    const score =
      status === AppealStatus.CLOSED && faker.number.float({ min: 0, max: 1 }) < 0.6
        ? weighted(faker, [
            [5, 40],
            [4, 25],
            [3, 12],
            [2, 10],
            [1, 13],
          ])
        : null;
    const negative = score != null && score <= 2;
    const id = randomUUID();
    const keyword = faker.helpers.arrayElement(category.keywords.length ? category.keywords : [category.name]);
    const street = hotCategory && hotMunicipality ? hot!.street : faker.helpers.arrayElement(streets);
    const address = `${municipality.short_name}, ул. ${street}, д. ${faker.number.int({ min: 1, max: hotCategory ? 12 : 120 })}`;
    appeals.push({
      id,
      number: appealNumberSql(options.regionCode, receivedAt.getFullYear()),
      channel,
      external_id: `demo-${options.seed}-${i}`,
      status,
      text: `${faker.helpers.arrayElement(OPENINGS)} ${category.name}: ${keyword}. Адрес: ${address}. ${faker.lorem.sentence({ min: 4, max: 10 })}`,
      summary: `${category.name} — ${municipality.short_name}`,
      author_name: INCIDENT_CHANNELS.has(channel) ? null : faker.person.fullName(),
      author_email: faker.datatype.boolean(0.6) ? faker.internet.email().toLowerCase() : null,
      author_phone: faker.datatype.boolean(0.5) ? faker.phone.number({ style: 'international' }) : null,
      address,
      municipality_id: municipality.id,
      sector_id: category.sector_id,
      category_id: category.id,
      organization_id: status === AppealStatus.NEW ? null : (organization?.id ?? null),
      assignee_id: status === AppealStatus.NEW || !assignee.id ? null : assignee.id,
      fz59,
      received_at: receivedAt,
      registered_at: status === AppealStatus.NEW ? null : registeredAt,
      due_at: deadline.dueAt,
      deadline_starts_at: deadline.startsAt,
      deadline_rules: JSON.stringify(deadline.rules.map((r) => ({ code: r.code, description: r.description, dueAt: r.dueAt.toISOString() }))),
      deadline_rule: deadline.decidingRule,
      answered_at: answeredAt,
      closed_at: status === AppealStatus.CLOSED || status === AppealStatus.REJECTED ? (answeredAt ?? registeredAt) : null,
      satisfaction_score: score,
      satisfaction_comment: negative ? faker.helpers.arrayElement(NEGATIVE_COMMENTS) : null,
      rated_at: score ? answeredAt : null,
      created_at: receivedAt,
      updated_at: answeredAt ?? registeredAt,
    });
    events.push(demoEvent(id, 'REGISTERED', receivedAt, null, AppealStatus.REGISTERED, channel));
    if (status !== AppealStatus.NEW && status !== AppealStatus.REGISTERED) {
      events.push(demoEvent(id, 'STATUS_CHANGED', answeredAt ?? registeredAt, AppealStatus.REGISTERED, status, 'demo'));
    }
    // The signals analytics reads from the audit trail (core/analytics/measures/appeal-signals.sql.ts).
    if (status === AppealStatus.REDIRECTED || (status !== AppealStatus.NEW && faker.datatype.boolean(0.05))) {
      events.push({
        ...demoEvent(id, 'REDIRECTED', new Date(registeredAt.getTime() + 2 * HOUR), AppealStatus.ASSIGNED, AppealStatus.REDIRECTED, 'demo'),
        reason: 'Направлено по компетенции',
      });
    }
    if (answeredAt) {
      if (faker.datatype.boolean(0.07)) {
        events.push({
          ...demoEvent(id, 'ANSWER_REVIEWED', new Date(answeredAt.getTime() - HOUR), AppealStatus.ON_REVIEW, AppealStatus.IN_PROGRESS, 'demo'),
          reason: faker.helpers.arrayElement(RETURN_REASONS),
          data: JSON.stringify({ decision: 'RETURN' }),
        });
      }
      const text = faker.datatype.boolean(0.04) ? BOILERPLATE_ANSWER : faker.helpers.arrayElement(ANSWERS);
      events.push({ ...demoEvent(id, 'ANSWERED', answeredAt, AppealStatus.IN_PROGRESS, AppealStatus.ANSWERED, 'demo'), data: JSON.stringify({ text }) });
    }
  }
  markRepeats(faker, appeals);
  // Originals before the repeats that refer to them.
  appeals.sort((a, b) => Number(Boolean(a.repeat_of_id)) - Number(Boolean(b.repeat_of_id)));
  await em.transactional(async (tx) => {
    for (let i = 0; i < appeals.length; i += 500) await query(tx, insertInto('appeal', appeals.slice(i, i + 500)));
    for (let i = 0; i < events.length; i += 1000) await query(tx, insertInto('appeal_event', events.slice(i, i + 1000)));
  });
  return appeals.length;
}

/**
 * About 4% of appeals repeat an earlier question already answered (same
 * category and municipality): the repeated complaints of the ratings and of
 * the decree's clause 8.
 */
function markRepeats(faker: Faker, appeals: Record<string, unknown>[]): void {
  const answered = appeals.filter((a) => a.answered_at);
  const originals = new Set<unknown>();
  for (const appeal of appeals) {
    if (!faker.datatype.boolean(0.04) || originals.has(appeal.id)) continue;
    const received = (appeal.received_at as Date).getTime();
    const earlier = answered.filter(
      (o) =>
        o !== appeal &&
        o.category_id === appeal.category_id &&
        o.municipality_id === appeal.municipality_id &&
        (o.answered_at as Date).getTime() < received &&
        !o.repeat_of_id,
    );
    if (!earlier.length) continue;
    const original = faker.helpers.arrayElement(earlier);
    originals.add(original.id);
    appeal.is_repeat = true;
    appeal.repeat_of_id = original.id;
  }
}

const ANSWERED = new Set([AppealStatus.ANSWERED, AppealStatus.ON_REVIEW, AppealStatus.CLOSED]);

function demoStatus(faker: Faker, ageMs: number, totalMs: number): AppealStatus {
  const progress = ageMs / Math.max(totalMs, HOUR);
  if (progress > 1.5) {
    return weighted(faker, [
      [AppealStatus.CLOSED, 84],
      [AppealStatus.REJECTED, 5],
      [AppealStatus.REDIRECTED, 2],
      [AppealStatus.IN_PROGRESS, 4],
      [AppealStatus.REOPENED, 2],
      [AppealStatus.ANSWERED, 3],
    ]);
  }
  return weighted(faker, [
    [AppealStatus.NEW, 6],
    [AppealStatus.REGISTERED, 10],
    [AppealStatus.ASSIGNED, 14],
    [AppealStatus.IN_PROGRESS, 30],
    [AppealStatus.ON_REVIEW, 10],
    [AppealStatus.ANSWERED, 12],
    [AppealStatus.CLOSED, 12],
    [AppealStatus.REOPENED, 3],
    [AppealStatus.REDIRECTED, 3],
  ]);
}

function responsibleBody(faker: Faker, orgs: OrgRef[], sector: string, municipalityId: string): OrgRef | undefined {
  const admin = orgs.find((o) => o.kind === 'MUNICIPAL_ADMINISTRATION' && o.municipality_id === municipalityId && o.sectors.includes(sector));
  const executive = orgs.find((o) => o.kind === 'EXECUTIVE_BODY' && o.sectors.includes(sector));
  return admin && faker.datatype.boolean(0.6) ? admin : (executive ?? admin);
}

function demoEvent(appealId: string, type: string, at: Date, from: AppealStatus | null, to: AppealStatus, actor: string) {
  return { id: randomUUID(), appeal_id: appealId, type, at, actor_label: actor, from_status: from, to_status: to };
}

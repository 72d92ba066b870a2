import type { EntityManager } from '@mikro-orm/postgresql';
import { Faker, base, ru } from '@faker-js/faker';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { Role } from '../entities/enums.js';
import type { Actor } from '../events/appeal-transaction.js';
import { registerAppeal } from '../lifecycle/register-appeal.service.js';
import { demoTimeline, type DemoPlan } from './demo-timeline.js';
import { demoState, runDemoStep, type DemoCast } from './demo-steps.js';
import { CHANNEL_WEIGHTS, FZ59_CHANNELS, INCIDENT_CHANNELS, OPENINGS, weighted } from './demo-vocabulary.js';

export interface DemoAppealOptions {
  count: number;
  /** "Now" of the demo (default: the app's clock): nothing happens after it. */
  now?: Date;
  /** The same seed and `now` give the same plans. */
  seed: number;
  /** Appeals driven through the lifecycle at once (each appeal's own steps stay in order); default DB_POOL_MAX. */
  parallel?: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface CategoryRef {
  id: string;
  code: string;
  sector_code: string;
  name: string;
  keywords: string[];
}
interface MunicipalityRef {
  id: string;
  code: string;
  population: number;
  short_name: string;
}

/**
 * Demo appeals over the last 13 months, made as production makes them: each
 * one comes in through `registerAppeal` (validation, routing, the deadline
 * engine, repeats) and moves on through the lifecycle's own actions —
 * registration, assignment, work, extension, redirection, answer, review,
 * rating, reopening, closing — each done by a user of the right role, with
 * the clock set to that step's moment (an `AppServices` whose `clock` is that
 * moment). So every status, deadline and audit entry is one the API itself
 * writes, and no step lies in the future. Appeals run `parallel` at a time.
 */
export async function generateDemoAppeals(app: AppServices, options: DemoAppealOptions): Promise<number> {
  const em = app.orm.em.fork() as EntityManager;
  const now = options.now ?? app.clock.now();
  const faker = new Faker({ locale: [ru, base] });
  faker.seed(options.seed);
  const enabled = new Set(app.plugins.map((p) => p.code));
  const categories = (
    await pgQuery<CategoryRef>(
      em,
      `select c.id, c.code, s.code as sector_code, c.name, c.keywords
    from category c join sector s on s.id = c.sector_id order by c.code`,
      [],
    )
  ).filter((c) => enabled.has(c.sector_code));
  const municipalities = await pgQuery<MunicipalityRef>(em, 'select id, code, population, short_name from municipality order by code', []);
  if (!categories.length || !municipalities.length) return 0;
  const cast = await loadCast(em);
  if (!cast.specialist)
    throw new Error('Демо-данные: нужен активный специалист ЦУР (CENTER_SPECIALIST), от имени которого регистрируются и проверяются обращения');

  const municipalityWeights = municipalities.map((m) => [m, Number(m.population)] as [MunicipalityRef, number]);
  const { streets, hotSpots } = app.region.demo;
  const plans: DemoPlan[] = [];
  for (let i = 0; i < options.count; i++) {
    const channel = weighted(faker, CHANNEL_WEIGHTS);
    let category = faker.helpers.arrayElement(categories);
    let municipality = weighted(faker, municipalityWeights);
    // Recent months are busier.
    const ageMs = Math.floor(faker.number.float({ min: 0, max: 1 }) ** 1.5 * 395 * DAY) + 2 * HOUR;
    // Hot spots of the last two months: many appeals on one question in one street (regional problems).
    const hot = ageMs < 60 * DAY && faker.datatype.boolean(0.08) && hotSpots.length ? faker.helpers.arrayElement(hotSpots) : null;
    const hotCategory = hot && categories.find((c) => c.code === hot.category);
    const hotMunicipality = hot && municipalities.find((m) => m.code === hot.municipalityCode);
    if (hotCategory && hotMunicipality) {
      category = hotCategory;
      municipality = hotMunicipality;
    }
    const keyword = faker.helpers.arrayElement(category.keywords.length ? category.keywords : [category.name]);
    // Without the pack's streets an address names the municipality alone.
    const street = hotCategory && hotMunicipality ? hot!.street : streets.length ? faker.helpers.arrayElement(streets) : null;
    const address = street
      ? `${municipality.short_name}, ул. ${street}, д. ${faker.number.int({ min: 1, max: hotCategory ? 12 : 120 })}`
      : municipality.short_name;
    const receivedAt = new Date(now.getTime() - ageMs);
    plans.push({
      index: i,
      receivedAt,
      intake: {
        channel,
        externalId: `demo-${options.seed}-${i}`,
        fz59: FZ59_CHANNELS.has(channel) ? true : undefined,
        receivedAt,
        text: `${faker.helpers.arrayElement(OPENINGS)} ${category.name}: ${keyword}. Адрес: ${address}. ${faker.lorem.sentence({ min: 4, max: 10 })}`,
        summary: `${category.name} — ${municipality.short_name}`,
        author: {
          name: INCIDENT_CHANNELS.has(channel) ? null : faker.person.fullName(),
          email: faker.datatype.boolean(0.6) ? faker.internet.email().toLowerCase() : null,
          phone: faker.datatype.boolean(0.5) ? faker.phone.number({ style: 'international' }) : null,
        },
        address,
        municipalityId: municipality.id,
        sector: category.sector_code,
        category: category.code,
      },
      steps: demoTimeline(faker, { ageMs, fz59: FZ59_CHANNELS.has(channel) }),
    });
  }
  // In order of arrival, so that repeats are found against earlier appeals as in production.
  plans.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.index - b.index);
  let next = 0;
  let made = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      if (await runPlan(app, cast, plan, now)) made++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? app.config.DB_POOL_MAX) }, worker));
  return made;
}

/** The users who act in the demo: the ЦУР's specialist and the bodies' operators. */
async function loadCast(em: EntityManager): Promise<DemoCast> {
  const users = await pgQuery<{ id: string; role: Role; organization_id: string | null; sectors: string[] | null }>(
    em,
    `select id, role, organization_id, sectors from app_user where active and role in ($1, $2) order by email`,
    [Role.CENTER_SPECIALIST, Role.ORG_OPERATOR],
  );
  const auth = (u: (typeof users)[number]): AuthUser => ({ id: u.id, role: u.role, organizationId: u.organization_id, sectors: u.sectors ?? [] });
  const operators = new Map<string, AuthUser[]>();
  for (const u of users.filter((x) => x.role === Role.ORG_OPERATOR && x.organization_id)) {
    operators.set(u.organization_id!, [...(operators.get(u.organization_id!) ?? []), auth(u)]);
  }
  const orgs = await pgQuery<{ id: string; sectors: string[] }>(em, 'select id, sectors from organization where id = any($1::uuid[]) order by code', [
    [...operators.keys()],
  ]);
  const bodiesBySector = new Map<string, string[]>();
  for (const org of orgs) for (const sector of org.sectors ?? []) bodiesBySector.set(sector, [...(bodiesBySector.get(sector) ?? []), org.id]);
  const specialist = users.find((u) => u.role === Role.CENTER_SPECIALIST);
  return { specialist: specialist ? auth(specialist) : (null as unknown as AuthUser), operators, bodiesBySector };
}

/** One appeal: intake at its moment, then its steps in order, each at its own moment; stops before the first step not yet due. */
async function runPlan(app: AppServices, cast: DemoCast, plan: DemoPlan, now: Date): Promise<boolean> {
  const latest = now.getTime() - 60_000;
  const at = (ms: number) => ({ ...app, clock: { now: () => new Date(ms) } }) as AppServices;
  const moment0 = Math.min(plan.receivedAt.getTime() + plan.steps.intakeDelayMs, latest);
  let moment = Math.max(moment0, plan.receivedAt.getTime());
  const channelActor: Actor = { label: `channel:${plan.intake.channel.toLowerCase()}` };
  const em = () => app.orm.em.fork() as EntityManager;
  const { appeal, created } = await registerAppeal(at(moment), em(), channelActor, plan.intake);
  if (!created) return false;
  for (const step of plan.steps.after) {
    const state = await demoState(em(), appeal.id);
    let when = moment + step.afterMs;
    if (step.termShare != null && state.due_at && state.deadline_starts_at) {
      const start = new Date(state.deadline_starts_at).getTime();
      when = start + step.termShare * (new Date(state.due_at).getTime() - start);
    }
    when = Math.max(when, moment + 60_000);
    if (when > latest) break;
    moment = when;
    if (!(await runDemoStep(at(moment), cast, appeal.id, step, state, plan.index))) break;
  }
  return true;
}

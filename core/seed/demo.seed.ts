import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import { hashPassword } from '../auth/password.js';
import { Role } from '../entities/enums.js';
import { DEMO_PASSWORD, demoUsers, type DemoUser } from './demo-users.js';
import { generateDemoAppeals } from './demo-appeals.js';
import { idWhere, insertInto, onConflict, query, queryOne, sql } from '../db/sql.js';
import { detectProblems } from '../analytics/problems.service.js';

/**
 * Demo users and a few thousand appeals made through the lifecycle, on top
 * of the reference data. Idempotent: users are upserted by e-mail; appeals are generated only
 * into a database that has none of the demo set yet.
 */
export async function seedDemo(app: AppServices): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  await seedDemoUsers(em, app);
  const demoAppeals = await queryOne<{ exists: boolean }>(em, sql`select exists(select 1 from appeal where external_id like 'demo-%') as "exists"`);
  if (demoAppeals?.exists) return;
  const started = Date.now();
  // Through the lifecycle's own services, each step at its own moment (core/seed/demo-appeals.ts).
  const count = await generateDemoAppeals(app, { count: app.config.DEMO_APPEALS, seed: 20200828 });
  app.logger.info({ appeals: count, ms: Date.now() - started }, 'demo appeals generated');
  await seedDemoProblems(em, app);
}

/**
 * The regional problems of the last two months; where the pack's hot spot
 * carries a decision, the largest problem of its category is taken in hand
 * with it, so the report has one in progress.
 */
async function seedDemoProblems(em: EntityManager, app: AppServices): Promise<void> {
  const now = app.clock.now();
  const ids = await detectProblems(em, { from: new Date(now.getTime() - 60 * 86_400_000), to: now, minCount: app.config.PROBLEM_MIN_APPEALS });
  if (!ids.length) return;
  for (const spot of app.region.demo.hotSpots.filter((s) => s.decision)) {
    const problem = await queryOne<{ id: string }>(
      em,
      sql`select p.id from problem as p join category as c on c.id = p.category_id
        where p.id = any(${ids}::uuid[]) and c.code = ${spot.category} order by p.appeal_count desc, p.id limit 1`,
    );
    if (!problem) continue;
    await query(
      em,
      sql`update problem set status = 'IN_PROGRESS', decision = ${spot.decision!},
        national_project_indicator = ${spot.nationalProjectIndicator ?? null} where id = ${problem.id}`,
    );
  }
}

async function seedDemoUsers(em: EntityManager, app: AppServices): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const orgs = await query<{ id: string; code: string; short_name: string }>(
    em,
    sql`select id, code, short_name from organization where kind in ('EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION')`,
  );
  // Two operators per body, so that workload statistics have specialists to count.
  const operators: DemoUser[] = orgs.flatMap((org) =>
    [1, 2].map((n) => ({
      email: `operator${n}.${org.code}@demo.local`,
      fullName: `Оператор ${n}, ${org.short_name}`,
      role: Role.ORG_OPERATOR,
      organizationCode: org.code,
    })),
  );
  const rows = [...demoUsers(app.region), ...operators].map((user) => ({
    id: sql`gen_random_uuid()`,
    email: user.email,
    password_hash: hash,
    full_name: user.fullName,
    role: user.role,
    sectors: user.sectors ?? [],
    organization_id: idWhere('organization', 'code', user.organizationCode),
  }));
  await query(em, sql`${insertInto('app_user', rows)} ${onConflict(['email'])}`);
}

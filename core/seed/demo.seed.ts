import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import { hashPassword } from '../auth/password.js';
import { Role } from '../entities/enums.js';
import { DEMO_PASSWORD, demoUsers, type DemoUser } from './demo-users.js';
import { generateDemoAppeals } from './demo-appeals.js';
import { textArray } from '../db/sql-array.js';
import { detectProblems } from '../analytics/problems.service.js';

/**
 * Demo users and a few thousand appeals made through the lifecycle, on top
 * of the reference data. Idempotent: users are upserted by e-mail; appeals are generated only
 * into a database that has none of the demo set yet.
 */
export async function seedDemo(app: AppServices): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  await seedDemoUsers(em, app);
  const knex = em.getKnex();
  const [{ exists }] = await em.getConnection().execute(knex.raw(`select exists(select 1 from appeal where external_id like 'demo-%') as "exists"`));
  if (exists) return;
  const started = Date.now();
  // Through the lifecycle's own services, each step at its own moment (core/seed/demo-appeals.ts).
  const count = await generateDemoAppeals(app, { count: app.config.DEMO_APPEALS, seed: 20200828 });
  app.logger.info({ appeals: count, ms: Date.now() - started }, 'demo appeals generated');
  await seedDemoProblems(em, app);
}

/** The regional problems of the last two months, one of them with a decision taken, so the report has them. */
async function seedDemoProblems(em: EntityManager, app: AppServices): Promise<void> {
  const now = app.clock.now();
  const ids = await detectProblems(em, { from: new Date(now.getTime() - 60 * 86_400_000), to: now, minCount: app.config.PROBLEM_MIN_APPEALS });
  if (!ids.length) return;
  const knex = em.getKnex();
  const [heating] = await em.getConnection().execute(
    knex('problem as p')
      .join('category as c', 'c.id', 'p.category_id')
      .select('p.id')
      .whereIn('p.id', ids)
      .where('c.code', 'housing.heating')
      .orderBy([{ column: 'p.appeal_count', order: 'desc' }, { column: 'p.id' }])
      .limit(1),
  );
  if (!heating) return;
  await em.getConnection().execute(
    knex('problem').where('id', heating.id).update({
      status: 'IN_PROGRESS',
      decision: 'Замена участка теплосети; до завершения работ — ежедневный контроль температуры в квартирах',
      national_project_indicator: 'ЖКС.1.3',
    }),
  );
}

async function seedDemoUsers(em: EntityManager, app: AppServices): Promise<void> {
  const knex = em.getKnex();
  const hash = await hashPassword(DEMO_PASSWORD);
  const orgs: { id: string; code: string; short_name: string }[] = await em
    .getConnection()
    .execute(knex('organization').select('id', 'code', 'short_name').whereIn('kind', ['EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION']));
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
    id: knex.raw('gen_random_uuid()'),
    email: user.email,
    password_hash: hash,
    full_name: user.fullName,
    role: user.role,
    sectors: textArray(user.sectors ?? []),
    organization_id: knex('organization').select('id').where('code', user.organizationCode),
  }));
  await em.getConnection().execute(knex('app_user').insert(rows).onConflict('email').ignore());
}

import type { Express } from 'express';
import type { Access } from './access-matrix.js';
import type { RecurringJob } from '../jobs/recurring-job.js';
import type { EntityClass } from '../db/mikro-orm.config.js';

export type { EntityClass };

/**
 * One core feature (lifecycle, analytics, channels, live, auth, surveys,
 * announcements, official pages, ...): its folder has one `<feature>.module.ts`
 * that exports an object of this shape, listed once in `core/app/modules.ts`.
 * Nothing else collects a feature's parts: the ORM's entity list, the schema's
 * resolvers, the access matrix, the HTTP routes, the jobs and the demo data are
 * all composed from these objects (compare a NestJS module or a Medusa v2
 * module: its models, services and routes together).
 *
 * `S` is what the module's routes, jobs and demo data take of the app's
 * services (a narrow interface of its own): the composition root
 * (`core/app/modules.ts`) checks that the app provides it, and the module
 * never names the whole.
 */
export interface FeatureModule<S = unknown> {
  /** The feature's folder name, e.g. `surveys`. */
  readonly name: string;
  /** Its tables (migrations stay one chain in `migrations/`). */
  readonly entities?: readonly EntityClass[];
  /** Its type-graphql resolver classes. */
  readonly resolvers?: readonly Function[];
  /** Its rows of the one access matrix: `'Query.x' | 'Mutation.x' | 'Subscription.x'` → who may call. */
  readonly access?: Readonly<Record<string, Access>>;
  /** HTTP routes beside GraphQL (files, public endpoints). */
  readonly routes?: (expressApp: Express, app: S) => void;
  /** Background jobs (pg-boss), started with the app and stopped with it; null when off in this process. */
  readonly jobs?: readonly ((app: S, databaseUrl: string) => Promise<RecurringJob | null>)[];
  /** The pg-boss queues its jobs use: created with the migrations, as the owner (the API's role may not create tables). */
  readonly queues?: readonly string[];
  /** Demo data, loaded after the appeals' demo when `DEMO=1`. */
  readonly seedDemo?: (app: S) => Promise<void>;
}

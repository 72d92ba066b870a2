import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { LifecycleServices } from './lifecycle-services.js';
import { runAppealTransaction, type Actor } from '../events/appeal-transaction.js';
import { Appeal } from '../entities/appeal.entity.js';
import { entityView } from '../db/entity-view.js';
import { prepareAppeal, type AppealIntake, type PreparedAppeal } from './appeal-intake.js';
import { writeAppeals } from './appeal-writer.js';
import { cachedReferenceDirectory, REFERENCE_FIELDS, type ReferenceDirectory } from './reference-directory.js';
import { canWriteSingle, writeSingleAppeal } from './single-appeal-writer.js';

export interface RegisterAppealResult {
  /** The appeal as stored; a read-only view (core/db/entity-view.ts) when written by the single-statement path: load it to change it. */
  appeal: Appeal;
  /** False when (channel, externalId) was registered before: the same appeal is returned. */
  created: boolean;
}

/**
 * Validates and prepares an intake against this process's copy of the
 * reference directory; an id or code the copy does not know is looked up
 * again on a fresh copy before it is refused (it may have been added since).
 */
export async function prepareWithDirectory(
  app: LifecycleServices,
  em: EntityManager,
  intake: AppealIntake,
  now: Date,
): Promise<{ prepared: PreparedAppeal; directory: ReferenceDirectory }> {
  const prepared = await prepareOnce(app, em, intake, now);
  // Informing: a published announcement about the same thing is the first answer (core/announcements).
  (await app.matchAnnouncements(app, em))(prepared.prepared, prepared.directory);
  return prepared;
}

async function prepareOnce(
  app: LifecycleServices,
  em: EntityManager,
  intake: AppealIntake,
  now: Date,
): Promise<{ prepared: PreparedAppeal; directory: ReferenceDirectory }> {
  const directory = await cachedReferenceDirectory(em);
  try {
    return { prepared: prepareAppeal(intake, { app, directory, now }), directory };
  } catch (error) {
    const field = error instanceof GraphQLError ? error.extensions?.field : undefined;
    if (typeof field !== 'string' || !REFERENCE_FIELDS.has(field)) throw error;
    const fresh = await cachedReferenceDirectory(em, { fresh: true });
    return { prepared: prepareAppeal(intake, { app, directory: fresh, now }), directory: fresh };
  }
}

/**
 * Registers one appeal from any channel; the entry point for channel
 * adapters too (`registerAppeal(app, em, { label: 'channel:pos' }, intake)`).
 * Idempotent on (channel, externalId), also under concurrent calls. Throws
 * BAD_USER_INPUT with `extensions.field` for invalid input.
 */
export async function registerAppeal(app: LifecycleServices, em: EntityManager, actor: Actor, intake: AppealIntake): Promise<RegisterAppealResult> {
  const { prepared, directory } = await prepareWithDirectory(app, em, intake, app.clock.now());
  if (canWriteSingle(app, em, prepared)) {
    const { row, created } = await writeSingleAppeal(app, em, actor, prepared, directory);
    return { appeal: entityView(em, Appeal)(row), created };
  }
  return runAppealTransaction(app, em, actor, async (tx) => {
    const [written] = await writeAppeals(app, tx, [prepared]);
    return { appeal: tx.em.map(Appeal, written!.row), created: written!.created };
  });
}

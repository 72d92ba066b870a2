import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import { runAppealTransaction, type Actor } from '../events/appeal-transaction.js';
import { Appeal } from '../entities/appeal.entity.js';
import { prepareAppeal, type AppealIntake } from './appeal-intake.js';
import { writeAppeals } from './appeal-writer.js';
import { loadReferenceDirectory } from './reference-directory.js';

export interface RegisterAppealResult {
  appeal: Appeal;
  /** False when (channel, externalId) was registered before: the same appeal is returned. */
  created: boolean;
}

/**
 * Registers one appeal from any channel; the entry point for channel
 * adapters too (`registerAppeal(app, em, { label: 'channel:pos' }, intake)`).
 * Idempotent on (channel, externalId), also under concurrent calls. Throws
 * BAD_USER_INPUT with `extensions.field` for invalid input.
 */
export async function registerAppeal(app: AppServices, em: EntityManager, actor: Actor, intake: AppealIntake): Promise<RegisterAppealResult> {
  const directory = await loadReferenceDirectory(em);
  const prepared = prepareAppeal(intake, { app, directory, now: app.clock.now() });
  return runAppealTransaction(app, em, actor, async (tx) => {
    const [written] = await writeAppeals(app, tx, [prepared]);
    return { appeal: tx.em.map(Appeal, written!.row), created: written!.created };
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../../core/app/app-services.js';
import type { IntakeService } from '../../core/channels/intake.js';
import { Appeal } from '../../core/entities/appeal.entity.js';
import { AppealStatus } from '../../core/entities/enums.js';
import { badInput } from '../../core/errors/errors.js';
import { runAppealTransaction, type Actor } from '../../core/events/appeal-transaction.js';

/**
 * Stands in for the lifecycle's IntakeService in the channel tests until the
 * lifecycle lands (branch `lifecycle`): it writes a real NEW appeal,
 * idempotent on (channel, externalId), with its audit entry, through
 * runAppealTransaction. It is not the lifecycle (no deadline, routing or
 * structuring) and lives in test support only; the follow-up that wires the
 * real intake runs the same tests against it.
 *
 * `failOnce` makes the first registration of an externalId fail like a
 * database outage, to test that such a record is kept for a retry.
 */
export function directIntake(app: AppServices, options: { failOnce?: Set<string> } = {}): IntakeService {
  return {
    async register(input, actor: Actor) {
      if (options.failOnce?.delete(input.externalId)) throw new Error('connection terminated unexpectedly');
      const em = app.orm.em.fork() as EntityManager;
      const connection = em.getConnection();
      const [existing] = await connection.execute<{ id: string }[]>('select id from appeal where channel = ? and external_id = ?', [input.channel, input.externalId]);
      if (existing) return { appealId: existing.id, created: false };
      const idOf = async (table: string, code: string | null | undefined, field: string) => {
        if (!code) return null;
        const [row] = await connection.execute<{ id: string }[]>(`select id from ${table} where code = ?`, [code]);
        if (!row) throw badInput(field, `Неизвестный код «${code}»`);
        return row.id;
      };
      const [sector, category, municipality] = [
        await idOf('sector', input.sector, 'sector'),
        await idOf('category', input.category, 'category'),
        input.municipalityId ?? (await idOf('municipality', input.municipalityCode, 'municipalityCode')),
      ];
      const [{ number }] = await connection.execute<{ number: string }[]>(
        `select ? || lpad(nextval('appeal_number_seq')::text, 7, '0') as number`,
        [`${app.config.REGION_CODE}-${input.receivedAt.getUTCFullYear()}-`],
      );
      const appeal = await runAppealTransaction(app, em, actor, async (tx) => {
        const created = tx.em.create(Appeal, {
          number, channel: input.channel, externalId: input.externalId, text: input.text, receivedAt: input.receivedAt,
          status: AppealStatus.NEW, fz59: input.fz59 ?? false, sourceStatus: input.sourceStatus ?? null, raw: input.raw ?? null,
          authorName: input.author?.name ?? null, authorEmail: input.author?.email ?? null, authorPhone: input.author?.phone ?? null, authorAddress: input.author?.address ?? null,
          address: input.address ?? null, latitude: input.location?.latitude ?? null, longitude: input.location?.longitude ?? null,
          sector, category, municipality,
        } as never);
        tx.record({ appeal: created, type: 'RECEIVED', toStatus: AppealStatus.NEW });
        return created;
      });
      return { appealId: appeal.id, created: true };
    },
  };
}

/** Moves an appeal to a status with its audit entry, as the lifecycle's mutations will (tests of what channels read back). */
export async function moveAppeal(app: AppServices, appealId: string, to: AppealStatus, reason: string | null = null): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  await runAppealTransaction(app, em, { label: 'test' }, async (tx) => {
    const appeal = await tx.em.findOneOrFail(Appeal, { id: appealId });
    const from = appeal.status;
    appeal.status = to;
    if (to === AppealStatus.ANSWERED) appeal.answeredAt = app.clock.now();
    tx.record({ appeal, type: 'STATUS_CHANGED', fromStatus: from, toStatus: to, reason });
  });
}

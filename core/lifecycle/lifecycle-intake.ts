import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import type { IntakeInput, IntakeService } from '../channels/intake.js';
import { badInput } from '../errors/errors.js';
import { registerAppeal } from './register-appeal.service.js';
import { runQuery } from './sql.js';

/**
 * The channels' door into the lifecycle (core/channels/intake.ts): every
 * channel record becomes an appeal through `registerAppeal`, with the same
 * validation, structuring, routing, deadlines and idempotency as the GraphQL
 * mutation. Refused input is BAD_USER_INPUT with `field`; anything else is
 * left to the channels to retry.
 */
export function lifecycleIntake(app: AppServices): IntakeService {
  return {
    async register(input: IntakeInput, actor) {
      const em = app.orm.em.fork() as EntityManager;
      const { municipalityCode, ...rest } = input;
      let municipalityId = input.municipalityId ?? null;
      if (!municipalityId && municipalityCode) {
        const [row] = await runQuery<{ id: string }[]>(em, em.getKnex()('municipality').select('id').where('code', municipalityCode));
        if (!row) throw badInput('municipalityCode', `Неизвестный муниципалитет «${municipalityCode}»`);
        municipalityId = row.id;
      }
      const { appeal, created } = await registerAppeal(app, em, actor, { ...rest, municipalityId });
      return { appealId: appeal.id, created };
    },
  };
}

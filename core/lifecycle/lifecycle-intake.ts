import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from './lifecycle-services.js';
import type { IntakeInput, IntakeService } from './intake.js';
import { badInput } from '../errors/errors.js';
import { registerAppeal } from './register-appeal.service.js';
import { cachedReferenceDirectory } from './reference-directory.js';

/**
 * The channels' door into the lifecycle (core/channels/intake.ts): every
 * channel record becomes an appeal through `registerAppeal`, with the same
 * validation, structuring, routing, deadlines and idempotency as the GraphQL
 * mutation. Refused input is BAD_USER_INPUT with `field`; anything else is
 * left to the channels to retry.
 */
export function lifecycleIntake(app: LifecycleServices): IntakeService {
  return {
    async register(input: IntakeInput, actor) {
      const em = app.orm.em.fork() as EntityManager;
      const { municipalityCode, ...rest } = input;
      let municipalityId = input.municipalityId ?? null;
      if (!municipalityId && municipalityCode) {
        const cached = await cachedReferenceDirectory(em);
        const municipality =
          cached.municipalityByCode.get(municipalityCode) ?? (await cachedReferenceDirectory(em, { fresh: true })).municipalityByCode.get(municipalityCode);
        if (!municipality) throw badInput('municipalityCode', `Неизвестный муниципалитет «${municipalityCode}»`);
        municipalityId = municipality.id;
      }
      const { appeal, created } = await registerAppeal(app, em, actor, { ...rest, municipalityId });
      return { appealId: appeal.id, created };
    },
  };
}

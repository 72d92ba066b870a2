import type { EntityManager } from '@mikro-orm/postgresql';
import { StructuringFeedback } from '../structuring/structuring-feedback.entity.js';
import type { LifecycleServices } from './lifecycle-services.js';
import type { Actor } from '../events/appeal-transaction.js';
import { Category, Municipality, Sector } from '../entities/index.js';
import { badInput } from '../errors/errors.js';
import { factsOf, refTo, replanDeadline, transition } from './appeal-transition.js';
import { matchUrgentRules } from './deadline-plan.js';
import { referenceDirectoryKnowing } from './reference-directory.js';
import { AppealAction } from './status-machine.js';
import { optionalText, routeIfUnassigned } from './action-helpers.js';

export interface StructureData {
  sector?: string | null;
  category: string;
  municipalityId?: string | null;
  summary?: string | null;
}

/**
 * A ЦУР specialist sets what structuring could not find (decree clause 5);
 * the sector's urgent rules are re-run on the new facts, and an appeal
 * still waiting for a body is routed.
 */
export async function structureAppeal(app: LifecycleServices, em: EntityManager, actor: Actor, id: string, input: StructureData, expectedVersion: number) {
  const directory = await referenceDirectoryKnowing(em, { categoryCodes: [input.category], municipalityIds: [input.municipalityId] });
  const category = directory.categoryByCode.get(input.category ?? '');
  if (!category || !app.plugins.some((p) => p.code === category.sectorCode)) throw badInput('input.category', `Неизвестная рубрика «${input.category}»`);
  if (input.sector && input.sector !== category.sectorCode)
    throw badInput('input.category', `Рубрика «${category.code}» не относится к блоку «${input.sector}»`);
  const municipality = input.municipalityId ? directory.municipalityById.get(input.municipalityId) : undefined;
  if (input.municipalityId && !municipality) throw badInput('input.municipalityId', `Неизвестный муниципалитет ${input.municipalityId}`);
  const summary = optionalText(input.summary, 'input.summary');
  return transition(app, em, actor, { id, action: AppealAction.STRUCTURE, expectedVersion }, (ctx) => {
    const { appeal, tx } = ctx;
    const before = factsOf(appeal, directory);
    // The specialist's choice beside the structurer's suggestions: material for retraining.
    tx.em.create(StructuringFeedback, {
      appeal,
      text: appeal.text,
      chosenSector: category.sectorCode,
      chosenCategory: category.code,
      at: ctx.now,
      suggested: {
        suggestions: (appeal.structuringSuggestions ?? []).map((s) => ({ sectorCode: s.sector, categoryCode: s.category, confidence: s.confidence })),
        rule: appeal.classification?.rule ?? null,
        confidence: appeal.classification?.confidence ?? null,
      },
    });
    appeal.sector = refTo(tx.em, Sector, category.sectorId);
    appeal.category = refTo(tx.em, Category, category.id);
    if (municipality) appeal.municipality = refTo(tx.em, Municipality, municipality.id);
    if (summary) appeal.summary = summary;
    appeal.needsStructuring = false;
    appeal.classification = { rule: 'manual', confidence: 1 };
    const facts = factsOf(appeal, directory);
    const deadline = replanDeadline(
      app,
      appeal,
      matchUrgentRules(
        app.plugins.find((p) => p.code === facts.sectorCode),
        facts,
      ),
    );
    ctx.record('STRUCTURED', {
      data: {
        from: { sector: before.sectorCode, category: before.categoryCode, municipality: before.municipalityCode },
        to: { sector: facts.sectorCode, category: facts.categoryCode, municipality: facts.municipalityCode },
        dueAt: deadline,
      },
    });
    routeIfUnassigned(ctx, directory);
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { allPlugins } from '../../plugins/index.js';
import { registerAppeal } from '../../core/lifecycle/register-appeal.service.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { errorCode } from '../../core/errors/errors.js';
import type { AppealStructurer } from '../../core/structuring/structurer.js';
import { ext, fails, idOf, M, ok, register, REGISTER, staff, type Staff } from './lifecycle-helpers.js';

const DAY = 86_400_000;

/** A sector of the test's own, with details stored in a table of its own. */
@Entity({ tableName: 'test_sector_details' })
class TestSectorDetails {
  @PrimaryKey({ type: 'uuid' }) appealId!: string;
  @Property({ type: 'text' }) flat!: string;
}

const testPlugin = defineSectorPlugin({
  code: 'testsector',
  name: { ru: 'Тестовый блок', en: 'Test sector' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [TestSectorDetails],
  categories: [
    { code: 'testsector.inspection', name: 'Надзор', keywords: ['надзор'] },
    { code: 'testsector.other', name: 'Прочее', keywords: ['прочее'] },
  ],
  details: {
    schema: z.strictObject({
      flat: z.string().regex(/^\d+$/, { error: 'Номер квартиры: цифры' }),
      meters: z.object({ cold: z.number().int({ error: 'Показание: целое число' }) }).optional(),
    }),
    entity: TestSectorDetails,
    toEntity: (appealId: string, details: { flat: string }) => Object.assign(new TestSectorDetails(), { appealId, flat: details.flat }),
  },
  routing: [
    {
      code: 'testsector.inspection-to-gzhi',
      description: 'Надзор — жилищная инспекция',
      priority: 1,
      categories: ['testsector.inspection'],
      target: { organizationCode: 'gzhi' },
    },
  ],
});

/** A sector with no details of its own. */
const barePlugin = defineSectorPlugin({
  code: 'baresector',
  name: { ru: 'Блок без сведений', en: 'Bare sector' },
  apiVersion: PLUGIN_API_VERSION,
  categories: [{ code: 'baresector.any', name: 'Любое', keywords: ['любое'] }],
});

let t: TestApp;
let s: Staff;
let clock: ManualClock;
let yoshkarOla: string;
const now = () => clock.now().toISOString();

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T10:00:00+03:00');
  t = await startTestApp({ clock, plugins: [...allPlugins, testPlugin, barePlugin], env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  await t.asOwner('create table test_sector_details (appeal_id uuid primary key references appeal(id), flat text not null)');
  s = await staff(t);
  yoshkarOla = await idOf(t, 'municipality', 'yoshkar-ola');
});
afterAll(() => t?.stop());

const RECONCILE = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created appeal { id number status } } }`;
const base = () => ({ channel: 'POS', text: 'Не работает уличное освещение', receivedAt: now(), externalId: ext() });

describe('registerAppeal: idempotency', () => {
  it('returns the same appeal with created:false for the same (channel, externalId)', async () => {
    const input = { ...base(), category: 'housing.yard-improvement' };
    const first = await ok(t, REGISTER, { input }, s.integration);
    // An INTEGRATION key may not read appeals: of the stored one it gets what reconciles (issue 14, item 3).
    const again = await ok(t, RECONCILE, { input: { ...input, text: 'другой текст' } }, s.integration);
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, appeal: { id: first.appeal.id, number: first.appeal.number, status: first.appeal.status } });
    const [{ version }] = await t.em().execute('select version from appeal where id = ?', [first.appeal.id]);
    expect(version).toBe(1);
    // Another channel with the same external id is another appeal.
    const otherChannel = await ok(t, REGISTER, { input: { ...input, channel: 'REGIONAL_SYSTEM' } }, s.integration);
    expect(otherChannel.created).toBe(true);
    expect(otherChannel.appeal.id).not.toBe(first.appeal.id);
  });

  it('creates exactly one appeal when 50 identical requests arrive at once', async () => {
    const input = { ...base(), category: 'housing.yard-improvement', municipalityId: yoshkarOla };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.gql(RECONCILE, { input }, s.integration)));
    for (const result of results) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const payloads = results.map((r) => r.data.registerAppeal);
    expect(payloads.filter((p) => p.created)).toHaveLength(1);
    expect(payloads.filter((p) => !p.created)).toHaveLength(49);
    expect(new Set(payloads.map((p) => p.appeal.id)).size).toBe(1);
    const [{ appeals, events }] = await t.em().execute(
      `select (select count(*)::int from appeal where channel = 'POS' and external_id = ?) as appeals,
              (select count(*)::int from appeal_event e join appeal a on a.id = e.appeal_id where a.external_id = ? and e.type = 'REGISTERED') as events`,
      [input.externalId, input.externalId],
    );
    expect(appeals).toBe(1);
    expect(events).toBe(1);
  });

  it('always creates an appeal without externalId, with unique registration numbers', async () => {
    const { externalId: _none, ...input } = base();
    const a = await ok(t, REGISTER, { input }, s.integration);
    const b = await ok(t, REGISTER, { input }, s.integration);
    expect(a.created && b.created).toBe(true);
    expect(a.appeal.number).not.toBe(b.appeal.number);
    expect(a.appeal.number).toMatch(/^12-2026-\d{7}$/);
  });

  it('is callable from code by a channel adapter, with a channel as the actor', async () => {
    const em = t.em() as EntityManager;
    const result = await registerAppeal(t.running.app, em, { label: 'channel:pos' }, { ...base(), category: 'housing.yard-improvement' });
    expect(result.created).toBe(true);
    const [event] = await t.em().execute('select actor_label, actor_user_id from appeal_event where appeal_id = ? order by seq limit 1', [result.appeal.id]);
    expect(event).toMatchObject({ actor_label: 'channel:pos', actor_user_id: null });
    const error = await registerAppeal(t.running.app, em, { label: 'channel:fax' }, { ...base(), channel: 'FAX' }).catch((e) => e);
    expect(errorCode(error)).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('channel');
  });
});

describe('registerAppeal: validation', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['empty text', { text: '   ' }, 'text'],
    // Refused by the length limit on arguments (core/graphql/input-bounds.ts), which names the path from the argument.
    ['oversized text', { text: 'а'.repeat(20_001) }, 'input.text'],
    ['unknown sector', { sector: 'space' }, 'sector'],
    ['unknown category', { category: 'housing.unicorns' }, 'category'],
    ['a category of another sector', { sector: 'roads', category: 'housing.heating' }, 'category'],
    ['unknown municipality', { municipalityId: '00000000-0000-4000-8000-000000000000' }, 'municipalityId'],
    ['unknown organization', { organizationId: '00000000-0000-4000-8000-000000000000' }, 'organizationId'],
    ['unknown complained-about body', { complaintAgainstOrganizationId: '00000000-0000-4000-8000-000000000001' }, 'complaintAgainstOrganizationId'],
    ['a date in the future', { receivedAt: new Date(Date.parse('2026-03-02T10:00:00+03:00') + DAY).toISOString() }, 'receivedAt'],
    ['a year without production calendar', { receivedAt: '2024-12-30T10:00:00+03:00' }, 'receivedAt'],
    ['a malformed e-mail', { author: { email: 'not-an-email' } }, 'author.email'],
    ['a malformed phone', { author: { phone: 'звоните' } }, 'author.phone'],
    ['a latitude out of range', { location: { latitude: 100, longitude: 48 } }, 'location.latitude'],
    ['an empty external id', { externalId: '  ' }, 'externalId'],
    ['details without a sector', { details: { flat: '1' } }, 'details'],
    ['details for a sector that has none', { category: 'baresector.any', details: { flat: '1' } }, 'details'],
    ['housing details with an unknown key', { category: 'housing.heating', details: { flat: '1' } }, 'details.flat'],
    ['housing details with a malformed INN', { category: 'housing.heating', details: { managementCompanyInn: '123' } }, 'details.managementCompanyInn'],
    ['malformed details', { category: 'testsector.other', details: { flat: '12a' } }, 'details.flat'],
    ['nested malformed details', { category: 'testsector.other', details: { flat: '12', meters: { cold: 1.5 } } }, 'details.meters.cold'],
    ['an unknown details key', { category: 'testsector.other', details: { flat: '12', balcony: true } }, 'details.balcony'],
  ];
  it.each(cases)('refuses %s with BAD_USER_INPUT naming the field', async (_what, change, field) => {
    const error = await fails(t, REGISTER, { input: { ...base(), ...change } }, s.integration);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('stores nothing for a refused appeal', async () => {
    const input = { ...base(), text: '' };
    await fails(t, REGISTER, { input }, s.integration);
    const [{ count }] = await t.em().execute('select count(*)::int as count from appeal where external_id = ?', [input.externalId]);
    expect(count).toBe(0);
  });

  it('stores valid details through the plugin in the same transaction', async () => {
    const { appeal } = await register(t, s.integration, { ...base(), category: 'testsector.other', details: { flat: '42' } });
    const [row] = await t.em().execute('select flat from test_sector_details where appeal_id = ?', [appeal.id]);
    expect(row.flat).toBe('42');
    const { appeal: housing } = await register(t, s.integration, {
      ...base(),
      category: 'housing.heating',
      details: { managementCompanyInn: '1215748528', apartment: '12а' },
    });
    const [stored] = await t.em().execute('select management_company_inn, apartment from housing_details where appeal_id = ?', [housing.id]);
    expect(stored).toEqual({ management_company_inn: '1215748528', apartment: '12а' });
  });
});

describe('structuring', () => {
  it('marks an appeal without category for manual structuring and does not route it; the specialist structures and it is routed', async () => {
    const { appeal } = await register(t, s.integration, { ...base(), text: 'Прошу разобраться с проблемой в Волжске' });
    expect(appeal).toMatchObject({ status: 'REGISTERED', needsStructuring: true, category: null, organization: null, municipality: { code: 'volzhsk' } });
    const structured = await ok(t, M.structure, { id: appeal.id, input: { category: 'housing.yard-improvement' }, v: appeal.version }, s.specialist);
    expect(structured).toMatchObject({
      status: 'ASSIGNED',
      needsStructuring: false,
      sector: { code: 'housing' },
      category: { code: 'housing.yard-improvement' },
      organization: { code: 'adm-volzhsk' },
    });
    const full = await ok(t, M.read, { id: appeal.id }, s.specialist);
    expect(full.history.slice(-2).map((e: any) => e.type)).toEqual(['STRUCTURED', 'ASSIGNED']);
    expect(full.history.at(-2).data.from.category).toBeNull();
  });

  it('accepts the structurer’s category only at or above STRUCTURING_MIN_CONFIDENCE', async () => {
    const app = t.running.app;
    const original = app.structurer;
    const stub = (confidence: number): AppealStructurer => ({
      structure: () => ({
        sectorCode: 'housing',
        categoryCode: 'housing.capital-repair',
        municipalityCode: 'yoshkar-ola',
        summary: 'Капремонт',
        confidence,
        rule: 'stub',
      }),
    });
    const threshold = app.config.STRUCTURING_MIN_CONFIDENCE;
    try {
      app.structurer = stub(threshold);
      const { appeal: sure } = await register(t, s.integration, base());
      expect(sure).toMatchObject({ needsStructuring: false, category: { code: 'housing.capital-repair' }, organization: { code: 'fund-capital-repair' } });
      app.structurer = stub(threshold - 0.01);
      const { appeal: unsure } = await register(t, s.integration, base());
      expect(unsure).toMatchObject({ needsStructuring: true, category: null, organization: null, municipality: { code: 'yoshkar-ola' } });
    } finally {
      app.structurer = original;
    }
  });
});

describe('structuring suggestions and feedback', () => {
  it('keeps the structurer’s three suggestions on an appeal left for a specialist, and records the specialist’s choice beside them', async () => {
    const app = t.running.app;
    const original = app.structurer;
    const suggestions = [
      { sectorCode: 'housing', categoryCode: 'housing.heating', confidence: 0.41 },
      { sectorCode: 'energy', categoryCode: 'energy.gas-supply', confidence: 0.3 },
      { sectorCode: 'housing', categoryCode: 'housing.payment', confidence: 0.12 },
    ];
    try {
      app.structurer = {
        structure: () => ({
          sectorCode: 'housing',
          categoryCode: 'housing.heating',
          municipalityCode: null,
          summary: null,
          confidence: 0.41,
          rule: 'stub-unsure',
          suggestions,
        }),
      };
      const { appeal } = await register(t, s.integration, { ...base(), text: 'Холодно, котёл гаснет' });
      expect(appeal.needsStructuring).toBe(true);
      const read = `query($id: ID!) { appeal(id: $id) { version structuringSuggestions { sector category confidence } } }`;
      const before = await ok(t, read, { id: appeal.id }, s.specialist);
      expect(before.structuringSuggestions).toEqual([
        { sector: 'housing', category: 'housing.heating', confidence: 0.41 },
        { sector: 'energy', category: 'energy.gas-supply', confidence: 0.3 },
        { sector: 'housing', category: 'housing.payment', confidence: 0.12 },
      ]);
      // A confident appeal keeps none.
      app.structurer = {
        structure: () => ({
          sectorCode: 'housing',
          categoryCode: 'housing.heating',
          municipalityCode: null,
          summary: null,
          confidence: 0.99,
          rule: 'stub-sure',
          suggestions,
        }),
      };
      const { appeal: sure } = await register(t, s.integration, base());
      expect((await ok(t, read, { id: sure.id }, s.specialist)).structuringSuggestions).toBeNull();

      await ok(t, M.structure, { id: appeal.id, input: { category: 'energy.gas-supply' }, v: before.version }, s.specialist);
      const rows = await t.em().execute('select text, chosen_sector, chosen_category, suggested from structuring_feedback where appeal_id = ?', [appeal.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ text: 'Холодно, котёл гаснет', chosen_sector: 'energy', chosen_category: 'energy.gas-supply' });
      expect(rows[0].suggested).toEqual({ suggestions, rule: 'stub-unsure', confidence: 0.41 });
    } finally {
      app.structurer = original;
    }
  });

  it('records no feedback when the specialist’s structuring fails', async () => {
    const { appeal } = await register(t, s.integration, { ...base(), text: 'Непонятное обращение без рубрики' });
    await fails(t, M.structure, { id: appeal.id, input: { category: 'nosuch.category' }, v: appeal.version }, s.specialist);
    const [{ count }] = await t.em().execute('select count(*)::int as count from structuring_feedback where appeal_id = ?', [appeal.id]);
    expect(count).toBe(0);
  });
});

describe('routing', () => {
  it('follows the sector plugin’s rules by category and municipality, with the executive body as fallback', async () => {
    const capital = await register(t, s.integration, { ...base(), category: 'housing.capital-repair' });
    expect(capital.appeal.organization.code).toBe('fund-capital-repair');
    const yard = await register(t, s.integration, { ...base(), category: 'housing.yard-improvement', municipalityId: yoshkarOla });
    expect(yard.appeal.organization.code).toBe('adm-yoshkar-ola');
    // The municipal administration is named by the rule, but no municipality is known: the fallback.
    const noPlace = await register(t, s.integration, { ...base(), text: 'Нет детской площадки', category: 'housing.yard-improvement' });
    expect(noPlace.appeal.organization.code).toBe('min-construction');
    const full = await ok(t, M.read, { id: noPlace.appeal.id }, s.specialist);
    expect(full.history.find((e: any) => e.type === 'ASSIGNED').data.rule).toBe('core.sector-executive-body');
  });

  it('never routes a complaint to the body it complains about (59-ФЗ art. 8 part 6)', async () => {
    const gzhi = await idOf(t, 'organization', 'gzhi');
    const normal = await register(t, s.integration, { ...base(), category: 'testsector.inspection' });
    expect(normal.appeal.organization.code).toBe('gzhi');
    const complaint = await register(t, s.integration, { ...base(), category: 'testsector.inspection', complaintAgainstOrganizationId: gzhi });
    // The rule's body is the complained one and the sector has no executive body: the ЦУР decides.
    expect(complaint.appeal).toMatchObject({ status: 'REGISTERED', organization: null });

    const housing = await register(t, s.integration, { ...base(), category: 'housing.management-company', complaintAgainstOrganizationId: gzhi });
    expect(housing.appeal.organization.code).toBe('min-construction');

    const assign = await fails(t, M.assign, { id: complaint.appeal.id, org: gzhi, v: complaint.appeal.version }, s.specialist);
    expect(assign.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    const redirect = await fails(t, M.redirect, { id: housing.appeal.id, org: gzhi, reason: 'По компетенции', v: housing.appeal.version }, s.specialist);
    expect(redirect.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toOrganizationId' });
    const explicit = await fails(t, REGISTER, { input: { ...base(), organizationId: gzhi, complaintAgainstOrganizationId: gzhi } }, s.integration);
    expect(explicit.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
  });

  it('redirects by competence with a reason, recorded with both bodies', async () => {
    const { appeal } = await register(t, s.integration, { ...base(), category: 'housing.capital-repair' });
    const gzhi = await idOf(t, 'organization', 'gzhi');
    const noReason = await fails(t, M.redirect, { id: appeal.id, org: gzhi, reason: '', v: appeal.version }, s.specialist);
    expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const operator = await s.operator('fund-capital-repair');
    const redirected = await ok(t, M.redirect, { id: appeal.id, org: gzhi, reason: 'Вопрос лицензионного контроля', v: appeal.version }, operator);
    expect(redirected).toMatchObject({ status: 'REDIRECTED', organization: { code: 'gzhi' }, assignee: null });
    const full = await ok(t, M.read, { id: appeal.id }, s.specialist);
    const event = full.history.at(-1);
    expect(event).toMatchObject({ type: 'REDIRECTED', reason: 'Вопрос лицензионного контроля' });
    expect(event.data).toMatchObject({ fromOrganization: { code: 'fund-capital-repair' }, toOrganization: { code: 'gzhi' } });
  });
});

describe('repeats', () => {
  it('links an appeal by the same author (e-mail or phone) within the window to the earlier one', async () => {
    const first = await register(t, s.specialist, {
      ...base(),
      receivedAt: new Date(clock.now().getTime() - 10 * DAY).toISOString(),
      author: { email: 'Petrov@Example.ru', phone: '+7 (912) 345-67-89' },
    });
    const byEmail = await register(t, s.specialist, { ...base(), author: { email: 'petrov@example.ru' } });
    expect(byEmail.appeal).toMatchObject({ isRepeat: true, repeatOf: { id: first.appeal.id } });
    // The phone written another way is the same number; the e-mail-only appeal does not share it.
    const byPhone = await register(t, s.specialist, { ...base(), author: { phone: '8 912 345 67 89' } });
    expect(byPhone.appeal).toMatchObject({ isRepeat: true, repeatOf: { id: first.appeal.id } });
    // With both, the latest earlier appeal of the author is linked.
    const both = await register(t, s.specialist, { ...base(), author: { email: 'petrov@example.ru', phone: '+79123456789' } });
    expect(both.appeal.repeatOf.id).toBe(byPhone.appeal.id);
    const full = await ok(t, M.read, { id: both.appeal.id }, s.specialist);
    expect(full.history.find((e: any) => e.type === 'REPEAT_DETECTED').data).toMatchObject({ repeatOf: byPhone.appeal.id, by: 'author' });
    expect(first.appeal.isRepeat).toBe(false);
    // A channel's service account sees the flag but not the earlier appeal: it reads no appeals (issue #5 scope).
    const viaChannel = await register(t, s.integration, { ...base(), author: { email: 'petrov@example.ru' } });
    expect(viaChannel.appeal).toMatchObject({ isRepeat: true, repeatOf: null });
  });

  it('links an appeal at the same address in the same category, not in another category or outside the window', async () => {
    const street = `ул. Тестовая-${ext('st')}`;
    const old = await register(t, s.specialist, {
      ...base(),
      receivedAt: new Date(clock.now().getTime() - 40 * DAY).toISOString(),
      category: 'housing.roof-leak',
      address: `г. Йошкар-Ола, ${street}, д. 5`,
    });
    const first = await register(t, s.specialist, { ...base(), category: 'housing.roof-leak', address: `Йошкар-Ола, ${street}, дом 5` });
    expect(first.appeal.isRepeat).toBe(false);
    const same = await register(t, s.specialist, {
      ...base(),
      category: 'housing.roof-leak',
      address: `г. Йошкар-Ола, ${street.replace('ул.', 'улица')}, д. 5`,
    });
    expect(same.appeal).toMatchObject({ isRepeat: true, repeatOf: { id: first.appeal.id } });
    const otherCategory = await register(t, s.specialist, { ...base(), category: 'housing.elevator', address: `г. Йошкар-Ола, ${street}, д. 5` });
    expect(otherCategory.appeal.isRepeat).toBe(false);
    expect(old.appeal.isRepeat).toBe(false);
  });
});

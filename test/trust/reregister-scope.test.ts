import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { ext } from '../lifecycle/lifecycle-helpers.js';

/**
 * Issue 14, item 3: re-registering an existing (channel, externalId) answers
 * the stored appeal only as far as the caller may see it: through the scope
 * and masking of `appeal(id)`; out of scope, only what reconciles (id, number,
 * status).
 */
let t: TestApp;
let integration: string;
let center: string;
let energySpecialist: string;
let housingSpecialist: string;

const REGISTER = (fields: string) => `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created appeal { ${fields} } } }`;
const FULL = 'id number status text author { name phone masked } history { type actor { user { email } } } assignee { email }';

beforeAll(async () => {
  t = await startTestApp();
  integration = (await t.user(Role.INTEGRATION)).token;
  center = (await t.user(Role.CENTER_SPECIALIST)).token;
  energySpecialist = (await t.user(Role.SECTOR_SPECIALIST, { sectors: ['energy'] })).token;
  housingSpecialist = (await t.user(Role.SECTOR_SPECIALIST, { sectors: ['housing'] })).token;
});
afterAll(() => t?.stop());

async function housingAppeal() {
  const input = {
    channel: 'POS',
    externalId: ext('scope'),
    receivedAt: new Date().toISOString(),
    category: 'housing.heating',
    text: 'Нет отопления в квартире 12, дом 5 по ул. Мира',
    author: { name: 'Петров Пётр Петрович', phone: '+79021234567' },
  };
  const first = await t.gql(REGISTER('id number status'), { input }, integration);
  expect(first.errors).toBeUndefined();
  expect(first.data.registerAppeal.created).toBe(true);
  return { input, appeal: first.data.registerAppeal.appeal as { id: string; number: string; status: string } };
}

describe('re-registering an existing (channel, externalId)', () => {
  it('gives a specialist of another sector no text, author or history of the stored appeal', async () => {
    const { input, appeal } = await housingAppeal();
    const again = await t.gql(REGISTER(FULL), { input }, energySpecialist);
    const answered = JSON.stringify(again.data ?? null);
    expect(answered).not.toContain('отопления');
    expect(answered).not.toContain('Петров');
    expect(answered).not.toContain('+7902');
    expect(again.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // What reconciles is still answered.
    const reconcile = await t.gql(REGISTER('id number status'), { input }, energySpecialist);
    expect(reconcile.errors).toBeUndefined();
    expect(reconcile.data.registerAppeal).toEqual({ created: false, appeal: appeal });
  });

  it('gives an INTEGRATION key the id, number and status, but not text, history or staff e-mails', async () => {
    const { input, appeal } = await housingAppeal();
    const reconcile = await t.gql(REGISTER('id number status'), { input }, integration);
    expect(reconcile.errors).toBeUndefined();
    expect(reconcile.data.registerAppeal).toEqual({ created: false, appeal });
    for (const field of ['text', 'history { type actor { user { email } } }', 'assignee { email }', 'author { name }']) {
      const again = await t.gql(REGISTER(`id ${field}`), { input }, integration);
      expect(again.errors?.[0].extensions, field).toMatchObject({ code: 'FORBIDDEN' });
      expect(JSON.stringify(again.data ?? null)).not.toMatch(/отопления|@|Петров|REGISTERED/);
    }
  });

  it('answers a caller in scope as appeal(id) does: the same fields, the author as its role sees it', async () => {
    const { input } = await housingAppeal();
    const own = await t.gql(REGISTER('id text author { name masked }'), { input }, housingSpecialist);
    expect(own.errors).toBeUndefined();
    expect(own.data.registerAppeal.appeal).toMatchObject({ text: input.text, author: { name: 'Петров Пётр Петрович', masked: false } });
    const byCenter = await t.gql(REGISTER('id text history { type }'), { input }, center);
    expect(byCenter.errors).toBeUndefined();
    expect(byCenter.data.registerAppeal.appeal.history[0].type).toBe('REGISTERED');
  });

  it('answers a newly created appeal in full, as before', async () => {
    const input = { channel: 'POS', externalId: ext('new'), receivedAt: new Date().toISOString(), category: 'housing.heating', text: 'Холодные батареи' };
    const created = await t.gql(REGISTER('id text history { type }'), { input }, integration);
    expect(created.errors).toBeUndefined();
    expect(created.data.registerAppeal).toMatchObject({ created: true, appeal: { text: 'Холодные батареи' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import { APPEAL_FIELDS, ok } from './lifecycle-helpers.js';

/** The channels' intake wired to the lifecycle: channel records get deadlines, routing and the audit trail. */
let t: TestApp;
let channel: string;
let specialist: string;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-03-02T12:00:00+03:00'), intake: lifecycleIntake, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  channel = (await t.user(Role.INTEGRATION)).token;
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(() => t?.stop());

async function postPos(body: unknown) {
  const response = await fetch(`${t.url}/channels/pos/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${channel}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const readAppeal = (id: string) => ok(t, `query($id: ID!) { appeal(id: $id) { ${APPEAL_FIELDS} history { type } } }`, { id }, specialist);

describe('channel intake through the lifecycle', () => {
  it('registers a ПОС message with its statutory deadline and audit trail, once', async () => {
    const message = { id: 'lifecycle-pos-1', text: 'Во дворе сломаны качели на детской площадке.', createdAt: '2026-03-02T10:00:00+03:00' };
    const first = await postPos(message);
    expect(first.body.results).toEqual([expect.objectContaining({ outcome: 'CREATED', externalId: 'lifecycle-pos-1' })]);
    const appealId = first.body.results[0].appealId;
    const appeal = await readAppeal(appealId);
    expect(appeal).toMatchObject({ channel: 'POS', externalId: 'lifecycle-pos-1', fz59: false, deadline: { rule: 'POS.answer.10wd' } });
    expect(['REGISTERED', 'ASSIGNED']).toContain(appeal.status);
    expect(appeal.history[0].type).toBe('REGISTERED');
    const again = await postPos(message);
    expect(again.body.results[0].outcome).toBe('UNCHANGED');
    const [{ count }] = await t.em().execute(`select count(*)::int as count from appeal where external_id = 'lifecycle-pos-1'`);
    expect(count).toBe(1);
  });

  it('takes a 59-ФЗ letter as NEW with the 3-day registration term', async () => {
    const result = await ok(
      t,
      `mutation($input: LetterInput!) { registerLetter(input: $input) { created appeal { ${APPEAL_FIELDS} } } }`,
      {
        input: {
          kind: 'LETTER',
          sourceId: 'scan-2026-0001',
          receivedAt: '2026-03-02T09:00:00+03:00',
          text: 'Прошу отремонтировать крышу дома',
          author: { name: 'Петров П. П.', postalAddress: 'г. Йошкар-Ола, ул. Мира, д. 1, кв. 2' },
        },
      },
      specialist,
    );
    expect(result).toMatchObject({ created: true, appeal: { status: 'NEW', fz59: true, deadline: { rule: '59-FZ.registration.3d' } } });
  });
});

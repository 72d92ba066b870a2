import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, liveClient, type LiveClient } from '../support/live-client.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import { Role } from '../../core/entities/enums.js';

// registerLetter (the letters channel) over HTTP, through the lifecycle's
// intake as `npm start` wires it: its commit is what is streamed here.
let t: TestApp;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestApp({ intake: lifecycleIntake });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.stop();
});

const QUERY = `subscription { appealEvents(filter: { type: [RECEIVED, REGISTERED] }) { appeal { number channel sector { code } author { name masked } } } }`;
const REGISTER = 'mutation($input: LetterInput!) { registerLetter(input: $input) { created appeal { number } } }';

async function subscribe(role: Role, options: { sectors?: string[] } = {}) {
  const { token } = await t.user(role, options);
  const client = liveClient(t.url, token);
  clients.push(client);
  const before = t.running.app.live.subscriberCount;
  const stream = client.subscribe(QUERY);
  await eventually(() => t.running.app.live.subscriberCount > before, 'the subscription to register');
  return stream;
}

describe('live updates of a mutation over HTTP', () => {
  it('streams a registered letter to each subscriber within its scope and with its view of personal data', async () => {
    const curator = await subscribe(Role.CURATOR);
    const analyst = await subscribe(Role.ANALYST);
    const wasteObserver = await subscribe(Role.MINISTRY_OBSERVER, { sectors: ['waste'] });
    const { token } = await t.user(Role.CENTER_SPECIALIST);
    const receivedAt = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const letter = (sourceId: string, sector: string) => ({
      kind: 'LETTER',
      sourceId,
      receivedAt,
      sector,
      text: 'Прошу починить крышу дома',
      author: { name: 'Белова Татьяна Константиновна' },
    });

    const housing = await t.gql(REGISTER, { input: letter('live-1', 'housing') }, token);
    expect(housing.errors).toBeUndefined();
    const waste = await t.gql(REGISTER, { input: letter('live-2', 'waste') }, token);

    const [first] = await curator.waitFor(2);
    expect(first.data.appealEvents).toEqual({
      appeal: {
        number: housing.data.registerLetter.appeal.number,
        channel: 'WRITTEN',
        sector: { code: 'housing' },
        author: { name: 'Белова Татьяна Константиновна', masked: false },
      },
    });
    const [seen] = await analyst.waitFor(1);
    expect(seen.data.appealEvents.appeal.author).toEqual({ name: 'Б*** Т. К.', masked: true });
    const [only] = await wasteObserver.waitFor(1);
    expect(only.data.appealEvents.appeal.number).toBe(waste.data.registerLetter.appeal.number);
    expect(wasteObserver.results).toHaveLength(1);
  });
});

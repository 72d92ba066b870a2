/**
 * What the input bounds cost a request (no database):
 * `npx tsx bench/input-bounds.bench.ts`. Prints microseconds per check for the
 * frontend's page of appeals (variables), a registerAppeal, and how fast a 1 MB
 * search is refused.
 */
import { parse } from 'graphql';
import { allPlugins } from '../plugins/index.js';
import { buildAppSchema } from '../schema/build-schema.js';
import { checkOperationInputs } from '../core/graphql/input-bounds.js';

const schema = await buildAppSchema(allPlugins, { channelIntake: true });
const limits = { search: 200, text: 20_000, string: 1000 };

function measure(label: string, query: string, variables: Record<string, unknown>, runs: number) {
  const document = parse(query);
  checkOperationInputs(schema, document, variables, limits);
  const started = performance.now();
  let refused = 0;
  for (let i = 0; i < runs; i++) if (checkOperationInputs(schema, document, variables, limits)) refused++;
  const us = ((performance.now() - started) * 1000) / runs;
  console.log(`${label.padEnd(28)} ${us.toFixed(2)} µs per request${refused ? ' (refused)' : ''}`);
}

measure(
  'page of appeals',
  `query Page($filter: AppealFilter, $first: Int, $after: String) {
  appeals(filter: $filter, first: $first, after: $after, orderBy: { field: RECEIVED_AT, direction: DESC }) {
    totalCount edges { cursor node { id number status text receivedAt organization { name } author { name } } } } }`,
  { filter: { search: 'отопление', status: ['REGISTERED', 'ASSIGNED'] }, first: 50, after: null },
  100_000,
);
measure(
  'registerAppeal',
  `mutation R($input: RegisterAppealInput!) { registerAppeal(input: $input) { created appeal { id number } } }`,
  {
    input: {
      channel: 'POS',
      externalId: 'x-1',
      text: 'Во дворе не вывозят мусор, контейнеры переполнены. '.repeat(10),
      receivedAt: '2026-11-20T10:00:00Z',
      author: { name: 'Иванов Иван Иванович', phone: '+79021112233' },
      address: 'г. Йошкар-Ола, ул. Панфилова, 14',
      raw: { id: 1, tags: ['a', 'b'] },
    },
  },
  100_000,
);
measure('1 MB search (refused)', `query($f: AppealFilter) { appeals(filter: $f) { totalCount } }`, { f: { search: 'отопление '.repeat(100_000) } }, 1_000);

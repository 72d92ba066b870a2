import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { appError } from '../../core/errors/errors.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { allPlugins } from '../../plugins/index.js';
import { ext, fails, ok, staff, type Staff } from './lifecycle-helpers.js';

const IMPORT = `mutation($input: [RegisterAppealInput!]!) {
  importAppeals(input: $input) { created existing failed results { index status appealId number error { code field message } } }
}`;

/** A plugin whose blocking hook vetoes one appeal (a failure in the middle of a chunk) or holds a chunk's transaction open a while. */
const vetoPlugin = defineSectorPlugin({
  code: 'vetotest',
  name: { ru: 'Проверка отказа', en: 'Veto test' },
  apiVersion: PLUGIN_API_VERSION,
  categories: [{ code: 'vetotest.any', name: 'Любое', keywords: ['любое'] }],
  hooks: {
    async beforeCommit(event, em) {
      if (event.type !== 'REGISTERED') return;
      const [row] = await em.getConnection().execute('select text from appeal where id = ?', [event.appealId], 'all', em.getTransactionContext());
      if (row?.text.includes('ВЕТО')) throw appError('CONFLICT', 'Плагин отказал в регистрации');
      if (row?.text.includes('МЕДЛЕННО')) await new Promise((resolve) => setTimeout(resolve, 500));
    },
  },
});

let t: TestApp;
let s: Staff;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T10:00:00+03:00');
  t = await startTestApp({ clock, plugins: [...allPlugins, vetoPlugin], env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  s = await staff(t);
});
afterAll(() => t?.stop());

const row = (text: string, extra: Record<string, unknown> = {}) => ({
  channel: 'REGIONAL_SYSTEM',
  externalId: ext('imp'),
  text,
  receivedAt: clock.now().toISOString(),
  category: 'housing.capital-repair',
  ...extra,
});

/** Registration numbers (`12-2026-0001234`) whose sequence parts rise strictly, in the order given. */
function expectAscending(numbers: string[]) {
  const sequence = numbers.map((number) => Number(number.slice(number.lastIndexOf('-') + 1)));
  const fallsAt = sequence.findIndex((n, i) => i > 0 && n <= sequence[i - 1]!);
  expect(fallsAt, `numbers ${numbers[fallsAt - 1]} then ${numbers[fallsAt]}`).toBe(-1);
}

async function countByExternalIds(ids: string[]) {
  const [{ appeals, events }] = await t.em().execute(
    `select (select count(*)::int from appeal where external_id = any(?::text[])) as appeals,
            (select count(*)::int from appeal_event e join appeal a on a.id = e.appeal_id where a.external_id = any(?::text[])) as events`,
    [`{${ids.join(',')}}`, `{${ids.join(',')}}`],
  );
  return { appeals, events };
}

describe('importAppeals', () => {
  it('stores every valid row and reports each row: created, existing, or the error with index and field', async () => {
    const existing = row('Уже загружено раньше');
    await ok(t, IMPORT, { input: [existing] }, s.integration);
    const input = [
      row('Первое'),
      row('', {}),
      existing,
      row('Четвёртое', { category: 'housing.nonexistent' }),
      row('Пятое'),
      row('Шестое', { receivedAt: '2030-01-01T00:00:00+03:00' }),
    ];
    const result = await ok(t, IMPORT, { input }, s.integration);
    expect(result).toMatchObject({ created: 2, existing: 1, failed: 3 });
    expect(result.results.map((r: any) => [r.index, r.status, r.error?.field ?? null])).toEqual([
      [0, 'CREATED', null],
      [1, 'ERROR', 'text'],
      [2, 'EXISTING', null],
      [3, 'ERROR', 'category'],
      [4, 'CREATED', null],
      [5, 'ERROR', 'receivedAt'],
    ]);
    expect(result.results[1].error.code).toBe('BAD_USER_INPUT');
    expect(result.results[0].number).toMatch(/^12-2026-\d{7}$/);
    const counts = await countByExternalIds(input.map((r) => r.externalId));
    expect(counts.appeals).toBe(3);
  });

  it('validates and stores each row’s sector details with the row', async () => {
    const input = [
      row('Холодные батареи', { category: 'housing.heating', details: { apartment: '7', managementCompanyInn: '1215748528' } }),
      row('Холодные батареи', { category: 'housing.heating', details: { apartment: 'седьмая' } }),
    ];
    const result = await ok(t, IMPORT, { input }, s.integration);
    expect(result.results.map((r: any) => [r.status, r.error?.field ?? null])).toEqual([
      ['CREATED', null],
      ['ERROR', 'details.apartment'],
    ]);
    const [stored] = await t.em().execute('select apartment from housing_details where appeal_id = ?', [result.results[0].appealId]);
    expect(stored.apartment).toBe('7');
  });

  it('treats a key repeated within one import as the same appeal', async () => {
    const one = row('Дубль внутри пакета');
    const result = await ok(t, IMPORT, { input: [one, { ...one, text: 'Тот же ключ' }] }, s.integration);
    expect(result.results.map((r: any) => r.status)).toEqual(['CREATED', 'EXISTING']);
    expect(result.results[0].appealId).toBe(result.results[1].appealId);
  });

  it('links repeats within the import by order of receipt, whatever the order of rows', async () => {
    const email = `${ext('author')}@example.ru`;
    const later = row('Позже', { author: { email } });
    const earlier = row('Раньше', { author: { email }, receivedAt: new Date(clock.now().getTime() - 3_600_000).toISOString() });
    const result = await ok(t, IMPORT, { input: [later, earlier] }, s.integration);
    const [{ repeat_of_id }] = await t.em().execute('select repeat_of_id from appeal where id = ?', [result.results[0].appealId]);
    expect(repeat_of_id).toBe(result.results[1].appealId);
  });

  it('writes more than one chunk in order of receipt, linking a repeat across chunks', async () => {
    const start = clock.now().getTime() - 2 * 86_400_000;
    const email = `${ext('chunks')}@example.ru`;
    const input = Array.from({ length: 1001 }, (_, i) =>
      row(`Строка ${i}`, {
        receivedAt: new Date(start + i * 60_000).toISOString(),
        author: { email: i === 0 || i === 1000 ? email : `${ext('one')}@example.ru` },
      }),
    );
    const result = await ok(t, IMPORT, { input: [...input].reverse() }, s.integration);
    expect(result).toMatchObject({ created: 1001, failed: 0 });
    const idOfRow = (i: number) => result.results[1000 - i].appealId;
    const [{ repeat_of_id }] = await t.em().execute('select repeat_of_id from appeal where id = ?', [idOfRow(1000)]);
    expect(repeat_of_id).toBe(idOfRow(0));
    // Registration numbers follow the order of receipt across chunks.
    expectAscending(input.map((_, i) => result.results[1000 - i].number));
  });

  it('gives appeals and their audit entries time-ordered ids (UUID v7), rising in the order they are written', async () => {
    const start = clock.now().getTime() - 86_400_000;
    const input = Array.from({ length: 1200 }, (_, i) => row(`Упорядоченная ${i}`, { receivedAt: new Date(start + i * 1000).toISOString() }));
    const result = await ok(t, IMPORT, { input: [...input].reverse() }, s.integration);
    expect(result).toMatchObject({ created: 1200, failed: 0 });
    const ids: string[] = input.map((_, i) => result.results[1199 - i].appealId);
    expect(ids.every((id) => id[14] === '7')).toBe(true);
    // Written in order of receipt across both chunks: the ids sort the same way (the primary key grows at its end).
    expect([...ids].sort()).toEqual(ids);
    const events: { id: string; appeal_id: string }[] = await t
      .em()
      .execute(`select e.id, e.appeal_id from appeal_event e where e.appeal_id = any(?::uuid[]) order by e.id`, [`{${ids.join(',')}}`]);
    expect(events.length).toBeGreaterThanOrEqual(1200);
    expect(events.every((e) => e.id[14] === '7')).toBe(true);
    // The entries of an earlier appeal were written before those of a later one.
    const order = new Map(ids.map((id, i) => [id, i]));
    const positions = events.map((e) => order.get(e.appeal_id)!);
    expect(positions.every((p, i) => i === 0 || p >= positions[i - 1]!)).toBe(true);
  });
  it('numbers, links repeats and settles repeated keys in order of receipt across chunks written at once', async () => {
    const start = clock.now().getTime() - 3 * 86_400_000;
    const email = `${ext('many')}@example.ru`;
    // Rows 0, 999, 1000, 2500 and 3999 share an author: each links to the one before it, across four chunks.
    const shared = new Set([0, 999, 1000, 2500, 3999]);
    const input = Array.from({ length: 4000 }, (_, i) =>
      row(`Строка ${i}`, {
        receivedAt: new Date(start + i * 30_000).toISOString(),
        author: { email: shared.has(i) ? email : `${ext(`solo-${i}`)}@example.ru` },
      }),
    );
    // Row 1500 repeats the key of row 10 (another chunk): the same appeal.
    input[1500] = { ...input[1500]!, externalId: input[10]!.externalId };
    // The first chunk's transaction stays open half a second, so the second is written while it is.
    input[500] = { ...input[500]!, text: 'МЕДЛЕННО: строка первой порции', category: 'vetotest.any' };
    const result = await ok(t, IMPORT, { input: [...input].reverse() }, s.integration);
    expect(result).toMatchObject({ created: 3999, existing: 1, failed: 0 });
    const resultOf = (i: number) => result.results[3999 - i];
    expect(resultOf(1500)).toMatchObject({ status: 'EXISTING', appealId: resultOf(10).appealId });
    const chain = [0, 999, 1000, 2500, 3999];
    const links = await t
      .em()
      .execute('select id, repeat_of_id from appeal where id = any(?::uuid[])', [`{${chain.map((i) => resultOf(i).appealId).join(',')}}`]);
    const linkOf = new Map(links.map((l: any) => [l.id, l.repeat_of_id]));
    expect(linkOf.get(resultOf(0).appealId)).toBeNull();
    for (let k = 1; k < chain.length; k++) expect(linkOf.get(resultOf(chain[k]!).appealId), `row ${chain[k]}`).toBe(resultOf(chain[k - 1]!).appealId);
    expectAscending(
      input
        .map((_, i) => i)
        .filter((i) => i !== 1500)
        .map((i) => resultOf(i).number),
    );
    const [{ events }] = await t
      .em()
      .execute(`select count(*)::int as events from appeal_event where type = 'REPEAT_DETECTED' and appeal_id = any(?::uuid[])`, [
        `{${chain.map((i) => resultOf(i).appealId).join(',')}}`,
      ]);
    expect(events).toBe(4);
  });

  it('links a repeat to an appeal stored before the import when that appeal is also in an earlier chunk', async () => {
    const start = clock.now().getTime() - 3 * 86_400_000;
    const email = `${ext('again')}@example.ru`;
    const input = Array.from({ length: 3000 }, (_, i) =>
      row(`Повтор ${i}`, {
        receivedAt: new Date(start + i * 30_000).toISOString(),
        author: { email: i === 0 || i === 1500 ? email : `${ext(`again-${i}`)}@example.ru` },
      }),
    );
    // The first chunk stays open while the second is written, and row 0 is in it.
    input[500] = { ...input[500]!, text: 'МЕДЛЕННО: первая порция', category: 'vetotest.any' };
    const first = await ok(t, IMPORT, { input: [input[0]] }, s.integration);
    // Row 0 is stored already: the first chunk reports it as it is and inserts the rest.
    const result = await ok(t, IMPORT, { input }, s.integration);
    expect(result).toMatchObject({ created: 2999, existing: 1, failed: 0 });
    expect(result.results[0]).toMatchObject({ status: 'EXISTING', appealId: first.results[0].appealId });
    const [{ repeat_of_id }] = await t.em().execute('select repeat_of_id from appeal where id = ?', [result.results[1500].appealId]);
    expect(repeat_of_id).toBe(first.results[0].appealId);
    expectAscending(result.results.slice(1).map((r: any) => r.number));
  });

  it('keeps the order of numbers when a chunk written beside another fails and is retried row by row', async () => {
    const start = clock.now().getTime() - 3 * 86_400_000;
    const input = Array.from({ length: 2500 }, (_, i) => row(`Порция ${i}`, { receivedAt: new Date(start + i * 30_000).toISOString() }));
    input[500] = { ...input[500]!, text: 'МЕДЛЕННО: первая порция', category: 'vetotest.any' };
    input[1700] = { ...input[1700]!, text: 'ВЕТО: вторая порция', category: 'vetotest.any' };
    const result = await ok(t, IMPORT, { input }, s.integration);
    expect(result).toMatchObject({ created: 2499, failed: 1 });
    expect(result.results[1700]).toMatchObject({ status: 'ERROR', error: { code: 'CONFLICT' } });
    expectAscending(result.results.filter((r: any) => r.status === 'CREATED').map((r: any) => r.number));
  });

  it('leaves no half-written appeal when a row fails in the middle of a chunk, and keeps the others', async () => {
    const input = [
      row('До отказа', { category: 'vetotest.any' }),
      row('ВЕТО: эта строка отклоняется', { category: 'vetotest.any' }),
      row('После отказа', { category: 'vetotest.any' }),
    ];
    const result = await ok(t, IMPORT, { input }, s.integration);
    expect(result.results.map((r: any) => r.status)).toEqual(['CREATED', 'ERROR', 'CREATED']);
    expect(result.results[1].error).toMatchObject({ code: 'CONFLICT', message: 'Плагин отказал в регистрации' });
    const vetoed = await countByExternalIds([input[1]!.externalId]);
    expect(vetoed).toEqual({ appeals: 0, events: 0 });
    const kept = await countByExternalIds([input[0]!.externalId, input[2]!.externalId]);
    expect(kept.appeals).toBe(2);
    expect(kept.events).toBeGreaterThanOrEqual(2);
  });

  it('refuses more than 10,000 rows with BAD_USER_INPUT and stores none', async () => {
    const input = Array.from({ length: 10_001 }, (_, i) => ({ channel: 'POS', externalId: `too-many-${i}`, text: 'т', receivedAt: clock.now().toISOString() }));
    const error = await fails(t, IMPORT, { input }, s.integration);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input', max: 10_000 });
    const [{ count }] = await t.em().execute(`select count(*)::int as count from appeal where external_id like 'too-many-%'`);
    expect(count).toBe(0);
  });

  it('is not open to body operators', async () => {
    const operator = await s.operator('adm-yoshkar-ola');
    const error = await fails(t, IMPORT, { input: [row('x')] }, operator);
    expect(error.extensions?.code).toBe('FORBIDDEN');
  });
});

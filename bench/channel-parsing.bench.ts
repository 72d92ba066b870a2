/**
 * How fast the channel adapters read and map a large export (no database):
 * `npx tsx bench/channel-parsing.bench.ts [rows]`. Prints rows per second
 * for a regional CSV, the same rows as XLSX, and ПОС JSON.
 */
import ExcelJS from 'exceljs';
import { allPlugins } from '../plugins/index.js';
import { loadRegionPack } from '../core/region/index.js';
import { adapterContextFactory } from '../core/channels/adapter-context.js';
import { channelAdapter } from '../core/channels/adapter-registry.js';
import { prepareInput, readOptions } from '../core/channels/import-job.service.js';

const rows = Number(process.argv[2] ?? 20_000);
const ctx = adapterContextFactory(allPlugins, loadRegionPack().municipalities, 'Europe/Moscow')(new Date('2026-11-21T00:00:00Z'));
const places = ['г. Йошкар-Ола, ул. Панфилова, 14', 'г. Волжск, ул. Шестакова, 3', 'пгт Медведево, ул. Советская, 7', 'с. Моркинский район, д. Шоя'];
const header = ['Номер', 'Дата поступления', 'Текст обращения', 'Адрес', 'Заявитель', 'Телефон', 'E-mail', 'Муниципальное образование', 'Тематика', 'Статус'];
const row = (i: number) => [
  `ГЛ-${i}`,
  `${String((i % 28) + 1).padStart(2, '0')}.10.2026 ${String(i % 24).padStart(2, '0')}:15`,
  `Обращение ${i}: во дворе не вывозят мусор, контейнеры переполнены; просим принять меры.`,
  places[i % places.length],
  'Иванов Иван Иванович',
  '+7 902 111-22-33',
  `user${i}@example.ru`,
  '',
  i % 3 ? 'Благоустройство дворовой территории' : '',
  'Зарегистрировано',
];

async function measure(label: string, adapter: string, input: Buffer, options: unknown) {
  const a = channelAdapter(adapter);
  const started = performance.now();
  const records = await prepareInput(a, input, readOptions(a, options), ctx);
  const ms = performance.now() - started;
  const accepted = records.filter((r) => r.mapped.ok).length;
  const firstError = records.find((r) => !r.mapped.ok)?.mapped;
  if (firstError && !firstError.ok) console.log(`${label}: first error`, firstError.errors);
  console.log(
    `${label.padEnd(14)} ${records.length} records (${accepted} valid) in ${ms.toFixed(0)} ms: ${Math.round((records.length / ms) * 1000)} records/s, ${(input.length / 1e6).toFixed(1)} MB`,
  );
}

const quote = (value: string) => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csv = Buffer.from([header, ...Array.from({ length: rows }, (_, i) => row(i))].map((r) => r.map(quote).join(';')).join('\n'));
await measure('regional-csv', 'regional-csv', csv, { system: 'bench' });

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('Обращения');
sheet.addRow(header);
for (let i = 0; i < rows; i++) sheet.addRow(row(i));
await measure('regional-xlsx', 'regional-xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), { system: 'bench' });

const messages = Array.from({ length: rows }, (_, i) => ({
  id: String(90_000_000 + i),
  categoryName: 'ЖКХ',
  subcategoryName: 'Отсутствие отопления',
  text: row(i)[2],
  address: places[i % places.length],
  createdAt: '2026-11-20T09:00:00+03:00',
  fz59: false,
  author: { name: 'Иванов И. И.', email: `user${i}@example.ru` },
  status: 'На модерации',
}));
await measure('pos-json', 'pos', Buffer.from(JSON.stringify({ messages })), {});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allPlugins } from '../../../plugins/index.js';
import { loadRegionPack } from '../../region/index.js';
import { AppealStatus, Channel } from '../../entities/enums.js';
import { adapterContextFactory } from '../adapter-context.js';
import { prepareInput, readOptions } from '../import-job.service.js';
import { channelAdapter } from '../adapter-registry.js';
import type { PreparedRecord } from '../channel-ingest.service.js';
import { posStatusOut } from './pos.adapter.js';
import { composePosClassifier } from './pos-categories.js';
import { normalizeUrl } from './social-url.js';
import { itemKeyOf } from './social.adapter.js';
import { SocialPlatform } from '../../entities/channel-enums.js';
import { buildRegionalXlsx, XLSX_MAPPING } from '../../../test/fixtures/channels/regional-xlsx.fixture.js';
import { buildZip, numberedRowsSheet, repeatedCellsSheet, xlsxParts } from '../../../test/support/zip-writer.js';
import { DEFAULT_SPREADSHEET_LIMITS } from './spreadsheet-limits.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/channels/${name}`, import.meta.url));
const now = new Date('2026-11-20T12:00:00Z');
const { municipalities } = loadRegionPack();
const ctx = adapterContextFactory(allPlugins, municipalities, 'Europe/Moscow')(now);

async function read(adapter: string, file: Buffer, options: unknown = {}): Promise<PreparedRecord[]> {
  const a = channelAdapter(adapter);
  return prepareInput(a, file, readOptions(a, options), ctx);
}
const byPosition = (records: PreparedRecord[]) => new Map(records.map((r) => [r.position, r]));
const accepted = (r: PreparedRecord | undefined) => {
  if (!r?.mapped.ok) throw new Error(`not accepted: ${JSON.stringify(r?.mapped)}`);
  return r.mapped.input;
};
const errorsOf = (r: PreparedRecord | undefined) => (r && !r.mapped.ok ? r.mapped.errors.map((e) => e.field).sort() : null);

describe('ПОС adapter', () => {
  it('maps every message of a batch, and reports each malformed one with its position and field', async () => {
    const records = byPosition(await read('pos', fixture('pos-batch.json')));
    expect(records.size).toBe(9);
    const pothole = accepted(records.get(1));
    expect(pothole).toMatchObject({
      channel: Channel.POS,
      externalId: '87341562',
      category: 'roads.potholes',
      sector: 'roads',
      fz59: false,
      municipalityCode: 'yoshkar-ola',
      location: { latitude: 56.6388, longitude: 47.8908 },
      sourceStatus: 'На модерации',
      author: { name: 'Смирнова Ольга Петровна', email: 'o.smirnova@example.ru', phone: '+7 (917) 123-45-67' },
    });
    expect(pothole.receivedAt.toISOString()).toBe('2026-11-20T05:15:00.000Z');
    expect((pothole.raw as { attachments: unknown[] }).attachments).toHaveLength(2);
    expect(accepted(records.get(2))).toMatchObject({ externalId: '87341599', category: 'housing.heating', municipalityCode: 'volzhsk' });
    // A category the table does not know is left to structuring.
    expect(accepted(records.get(3))).toMatchObject({ category: null, sector: null });
    expect(errorsOf(records.get(4))).toEqual(['text']);
    expect(records.get(4)!.externalId).toBe('87341633');
    expect(errorsOf(records.get(5))).toEqual(['createdAt']);
    expect(errorsOf(records.get(6))).toEqual(['author.email', 'coordinates.latitude']);
    expect(errorsOf(records.get(7))).toEqual(['(запись)']);
    expect(accepted(records.get(8))).toMatchObject({ fz59: true, category: 'waste.missed-pickup', municipalityCode: 'kozmodemyansk' });
    // Category names match regardless of case; an unknown subcategory keeps the sector only.
    expect(accepted(records.get(9))).toMatchObject({ sector: 'roads', category: null });
  });

  it('refuses a body that is not JSON as a whole', async () => {
    await expect(read('pos', Buffer.from('{"messages": ['))).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' } });
  });

  it('maps only to categories and sectors that exist, and every table entry names one', () => {
    const categories = new Set(allPlugins.flatMap((p) => p.categories.map((c) => c.code)));
    const sectors = new Set(allPlugins.map((p) => p.code));
    for (const plugin of allPlugins) {
      for (const [category, subs] of Object.entries(plugin.posCategories ?? {})) {
        for (const [sub, code] of Object.entries(subs)) {
          expect(code.includes('.') ? categories.has(code) : sectors.has(code), `${category} / ${sub} → ${code}`).toBe(true);
        }
      }
    }
    const posClassifierCode = composePosClassifier(allPlugins);
    expect(posClassifierCode('  жкх ', 'Отсутствие  отопления')).toBe('housing.heating');
    expect(posClassifierCode('Нет такой', 'x')).toBeNull();
  });

  it('maps every status of ours to a ПОС status', () => {
    for (const status of Object.values(AppealStatus)) expect(posStatusOut(status)).toMatch(/^[A-Z_]+$/);
    expect(posStatusOut(AppealStatus.NEW)).toBe('MODERATION');
    expect(posStatusOut(AppealStatus.ANSWERED)).toBe('ANSWERED');
    expect(posStatusOut(AppealStatus.REJECTED)).toBe('REJECTED');
  });

  it('leaves categories of a disabled plugin to structuring', async () => {
    const onlyHousing = adapterContextFactory(
      allPlugins.filter((p) => p.code === 'housing'),
      municipalities,
      'Europe/Moscow',
    )(now);
    const records = await prepareInput(channelAdapter('pos'), fixture('pos-batch.json'), {}, onlyHousing);
    expect(accepted(records[0])).toMatchObject({ sector: null, category: null });
    expect(accepted(records[1])).toMatchObject({ sector: 'housing', category: 'housing.heating' });
  });
});

describe('regional CSV adapter', () => {
  it('reads a semicolon CSV with Russian headers, quoted line breaks and bad rows, with line numbers', async () => {
    const records = byPosition(await read('regional-csv', fixture('regional-hotline.csv'), { system: 'hotline-122' }));
    expect([...records.keys()]).toEqual([2, 3, 5, 6, 7, 8, 10]);
    const playground = accepted(records.get(2));
    expect(playground).toMatchObject({
      channel: Channel.REGIONAL_SYSTEM,
      externalId: 'hotline-122:ГЛ-2026-00412',
      category: 'housing.yard-improvement',
      municipalityCode: 'yoshkar-ola',
      sourceStatus: 'Зарегистрировано',
      fz59: false,
      author: { name: 'Кузнецова Анна Сергеевна', phone: '+7 902 111-22-33', email: null },
    });
    expect(playground.receivedAt.toISOString()).toBe('2026-11-18T06:12:00.000Z');
    const water = accepted(records.get(3));
    expect(water.text).toBe('Просим проверить качество воды: из крана течёт "ржавая" вода.\nЖалуемся уже второй месяц.');
    expect(water).toMatchObject({ municipalityCode: 'volzhsk', author: { email: 'ivanov@example.ru' } });
    expect(errorsOf(records.get(5))).toEqual(['Дата поступления']);
    expect(errorsOf(records.get(6))).toEqual(['Номер']);
    expect(records.get(6)!.externalId).toBeNull();
    expect(errorsOf(records.get(7))).toEqual(['E-mail']);
    expect(records.get(7)!.externalId).toBe('hotline-122:ГЛ-2026-00416');
    expect(errorsOf(records.get(8))).toEqual(['(строка)']);
    // A topic that is not one of our category names or codes is left to structuring.
    expect(accepted(records.get(10))).toMatchObject({ category: null, sector: null, externalId: 'hotline-122:ГЛ-2026-00418' });
  });

  it('reads Windows-1251 exports and the comma separator', async () => {
    // «Номер,Дата поступления,Текст обращения» + one row, in Windows-1251 (Cyrillic А..я = 0xC0..0xFF, ё = 0xB8).
    const cp1251 = (text: string) =>
      Buffer.from([...text].map((ch) => (ch === 'ё' ? 0xb8 : ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
    const file = cp1251('Номер,Дата поступления,Текст обращения\n7,2026-11-19 10:00,Тёмный двор\n');
    const [record] = await read('regional-csv', file, { system: 'mun-orshanka', channel: 'MUNICIPAL_SYSTEM' });
    expect(accepted(record)).toMatchObject({ externalId: 'mun-orshanka:7', text: 'Тёмный двор', channel: Channel.MUNICIPAL_SYSTEM });
  });

  it("refuses a file whose mapped column is missing, naming the column and the file's columns", async () => {
    await expect(read('regional-csv', fixture('regional-hotline.csv'), { system: 'hotline-122', mapping: { text: 'Суть' } })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'mapping.text' },
      message: expect.stringContaining('«Номер»'),
    });
    expect(() => readOptions(channelAdapter('regional-csv'), { system: 'Горячая линия' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'options.system' }) }),
    );
  });
});

describe('regional XLSX adapter', () => {
  it('reads an exceljs workbook with a column mapping; dates are local time; rows keep their numbers', async () => {
    const records = byPosition(
      await read('regional-xlsx', await buildRegionalXlsx(), { system: 'kozmo-edds', channel: 'MUNICIPAL_SYSTEM', mapping: XLSX_MAPPING }),
    );
    expect([...records.keys()]).toEqual([2, 3, 5, 6, 7]);
    const light = accepted(records.get(2));
    expect(light).toMatchObject({
      externalId: 'kozmo-edds:1501',
      channel: Channel.MUNICIPAL_SYSTEM,
      category: 'energy.street-lighting',
      municipalityCode: 'kozmodemyansk',
      fz59: false,
    });
    expect(light.receivedAt.toISOString()).toBe('2026-11-19T06:30:00.000Z');
    expect(accepted(records.get(3))).toMatchObject({
      text: 'Просим срочно убрать упавшее дерево с дороги в д. Шоя-Кузнецово.',
      fz59: true,
      municipalityCode: 'medvedevsky',
    });
    expect(errorsOf(records.get(5))).toEqual(['Дата обращения']);
    expect(errorsOf(records.get(6))).toEqual(['По 59-ФЗ']);
    expect(records.get(6)!.externalId).toBe('kozmo-edds:1505');
    expect(errorsOf(records.get(7))).toEqual(['Суть обращения']);
    expect((records.get(2)!.raw as Record<string, unknown>)['Дата обращения']).toBe('2026-11-19T09:30:00');
  });

  it('refuses what is not a workbook', async () => {
    await expect(read('regional-xlsx', Buffer.from('Номер;Текст'), { system: 'x1' })).rejects.toMatchObject({ extensions: { field: 'file' } });
  });

  const headerOnly = (rows: number) => buildZip(xlsxParts(numberedRowsSheet(rows - 1)));
  const options = { system: 'x1', mapping: { externalId: 'Номер', text: 'Текст', receivedAt: 'Дата' } };

  it('refuses a ZIP bomb (1 MB that unpacks to 300 MB) from the central directory, before inflating the sheet', async () => {
    const bomb = await buildZip(xlsxParts(repeatedCellsSheet(300)));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const refused = await read('regional-xlsx', bomb, options).then(
      () => null,
      (error) => error,
    );
    expect(refused).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' } });
    expect(refused.message).toMatch(/распаков/);
    // Refused from the headers: nothing near the 300 MB was held.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    // With room for 1 GB, the compression ratio still gives it away.
    const a = channelAdapter('regional-xlsx');
    const roomy = async () => {
      for await (const _ of a.parse(bomb, readOptions(a, options), { ...DEFAULT_SPREADSHEET_LIMITS, maxUnpackedBytes: 1024 ** 3 }));
    };
    await expect(roomy()).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' }, message: expect.stringContaining('ZIP-бомбу') });
  });

  it('refuses an archive whose headers understate the unpacked size (the real size is counted while inflating)', async () => {
    const forged = await buildZip(xlsxParts(repeatedCellsSheet(40)), { declaredSize: (name, size) => (name.endsWith('sheet1.xml') ? 4096 : size) });
    await expect(read('regional-xlsx', forged, options)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' } });
  });

  it('streams the sheet with limits on rows and cells, refused as BAD_USER_INPUT naming the file', async () => {
    const file = await headerOnly(11);
    const a = channelAdapter('regional-xlsx');
    const parsed = readOptions(a, options);
    const all: PreparedRecord[] = [];
    for await (const item of a.parse(file, parsed, DEFAULT_SPREADSHEET_LIMITS)) all.push(item as never);
    expect(all.map((item) => item.position)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const rows = async () => {
      for await (const _ of a.parse(file, parsed, { ...DEFAULT_SPREADSHEET_LIMITS, maxRows: 5 }));
    };
    await expect(rows()).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' }, message: expect.stringContaining('5') });
    const cells = async () => {
      for await (const _ of a.parse(file, parsed, { ...DEFAULT_SPREADSHEET_LIMITS, maxCells: 9 }));
    };
    await expect(cells()).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' }, message: expect.stringContaining('9') });
  });
});

describe('social adapter', () => {
  it('reads JSON lines of posts and comments, with line numbers, and maps platforms to channels', async () => {
    const records = byPosition(await read('social', fixture('social-monitoring.jsonl')));
    expect([...records.keys()]).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    const post = accepted(records.get(1));
    expect(post).toMatchObject({ channel: Channel.SOCIAL_MEDIA, externalId: 'vk:-71234567_8812', fz59: false, municipalityCode: 'yoshkar-ola' });
    // The incident's clock starts when monitoring found the post.
    expect(post.receivedAt.toISOString()).toBe('2026-11-20T04:55:00.000Z');
    expect(records.get(2)!.key).toBe(records.get(1)!.key);
    expect(accepted(records.get(3)).externalId).toBe('vk:url:https://vk.com/wall-71234567_8812');
    expect(accepted(records.get(4))).toMatchObject({ channel: Channel.MESSENGER, municipalityCode: 'volzhsk' });
    expect(errorsOf(records.get(6))).toEqual(['platform']);
    expect(errorsOf(records.get(7))).toEqual(['reach']);
    expect(errorsOf(records.get(8))).toEqual(['(строка)']);
    expect(accepted(records.get(9))).toMatchObject({ channel: Channel.MESSENGER, externalId: 'max:c-88/1404' });
  });

  it('recognises one post under different addresses', () => {
    const canonical = 'https://vk.com/wall-71234567_8812';
    for (const url of [
      'https://m.vk.com/wall-71234567_8812?utm_source=x',
      'http://www.vk.com/wall-71234567_8812/',
      'https://VK.com/wall-71234567_8812#reply',
    ]) {
      expect(normalizeUrl(url)).toBe(canonical);
    }
    expect(normalizeUrl('https://t.me/adm_volzhsk/512?comment=77')).toBe('https://t.me/adm_volzhsk/512?comment=77');
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
  });

  it("keeps external ids within the lifecycle's 200 characters", () => {
    const long = `https://vk.com/wall-1_2?${'q=1&'.repeat(60)}`;
    const key = itemKeyOf(SocialPlatform.VK, null, normalizeUrl(long)!);
    expect(key).toMatch(/^vk:url-sha256:[0-9a-f]{64}$/);
    expect(itemKeyOf(SocialPlatform.VK, null, 'https://vk.com/wall-1_2')).toBe('vk:url:https://vk.com/wall-1_2');
  });
});

describe('letters adapter', () => {
  it('maps a letter to a 59-ФЗ appeal of the written channel, an e-mail to the e-mail channel', async () => {
    const letters = [
      {
        kind: 'LETTER',
        sourceId: '80082698123456',
        receivedAt: '2026-11-18T10:00:00+03:00',
        text: 'Прошу разобраться с начислениями за капремонт.',
        author: { name: 'Белова Т. К.', postalAddress: '424000, г. Йошкар-Ола, ул. Пушкина, 1, кв. 5' },
      },
      {
        kind: 'EMAIL',
        sourceId: '<CAF1234@mail.example.ru>',
        receivedAt: '2026-11-19T22:10:00+03:00',
        text: 'Жалоба на работу поликлиники.',
        category: 'health.appointment',
      },
      { kind: 'EMAIL', sourceId: 'x', receivedAt: '2026-11-19T22:10:00+03:00', text: 'x', category: 'no.such' },
    ];
    const [letter, email, bad] = await read('letters', Buffer.from(JSON.stringify(letters)));
    expect(accepted(letter)).toMatchObject({
      channel: Channel.WRITTEN,
      externalId: 'letter:80082698123456',
      fz59: true,
      author: { address: '424000, г. Йошкар-Ола, ул. Пушкина, 1, кв. 5' },
    });
    expect(accepted(email)).toMatchObject({ channel: Channel.EMAIL, fz59: true, sector: 'health', category: 'health.appointment' });
    expect(errorsOf(bad)).toEqual(['category']);
  });
});

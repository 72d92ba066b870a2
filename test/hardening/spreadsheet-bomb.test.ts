import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import { Role } from '../../core/entities/enums.js';
import { buildZip, numberedRowsSheet, repeatedCellsSheet, xlsxParts } from '../support/zip-writer.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp({ intake: lifecycleIntake, env: { XLSX_MAX_ROWS: '50' } });
  token = (await t.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(() => t?.stop());

const OPTIONS = encodeURIComponent(JSON.stringify({ system: 'bomb-test', mapping: { externalId: 'Номер', text: 'Текст', receivedAt: 'Дата' } }));

async function upload(file: Buffer) {
  const response = await fetch(`${t.url}/channels/imports?adapter=regional-xlsx&fileName=export.xlsx&options=${OPTIONS}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('an uploaded spreadsheet cannot take the server down', () => {
  it('refuses a 1 MB XLSX that unpacks to 300 MB with BAD_USER_INPUT on `file`, and the server keeps answering', async () => {
    const bomb = await buildZip(xlsxParts(repeatedCellsSheet(300)));
    const refused = await upload(bomb);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file', message: expect.stringContaining('XLSX_MAX_UNPACKED_MB') });
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    const [{ count }] = await t.em().getConnection().execute('select count(*)::int as count from import_job');
    expect(count).toBe(0);
  });

  it('a sheet over XLSX_MAX_ROWS fails its job with the reason, keeping nothing of it', async () => {
    const started = await upload(await buildZip(xlsxParts(numberedRowsSheet(60))));
    expect(started.status).toBe(202);
    let job = started.body;
    while (job.status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await (await fetch(`${t.url}/channels/imports/${started.body.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    }
    expect(job).toMatchObject({ status: 'FAILED', error: expect.stringContaining('XLSX_MAX_ROWS') });
    const [{ count }] = await t.em().getConnection().execute("select count(*)::int as count from channel_record where adapter = 'regional-xlsx'");
    expect(count).toBe(0);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});

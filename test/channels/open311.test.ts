import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import { ok, staff as staffOf, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { answerAndAccept, startWork } from './drive-appeal.js';
import { allPlugins } from '../../plugins/index.js';
import { SaxesParser } from 'saxes';

const clock = new ManualClock('2026-11-20T12:00:00Z');
let t: TestApp;
let cityApp: { id: string; token: string };
let staff: Staff;
/** Secrets of API keys made by an ADMIN with `createApiKey`, as a city's 311 app and another system would hold them. */
let cityKey: string;
let otherKey: string;

beforeAll(async () => {
  // The app as `npm start` runs it: Open311 requests become appeals through the lifecycle.
  t = await startTestApp({ clock, intake: lifecycleIntake, env: { PLUGINS: 'roads,housing,waste', JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  cityApp = await t.user(Role.INTEGRATION);
  staff = await staffOf(t);
  const create = 'mutation($name: String!) { createApiKey(name: $name) { secret } }';
  cityKey = (await ok(t, create, { name: 'Приложение «Мой город»' }, staff.admin)).secret;
  otherKey = (await ok(t, create, { name: 'Другая система' }, staff.admin)).secret;
});
afterAll(() => t?.stop());

/** What a 311 client sends: plain HTTP, a form body, the key in the request. */
async function get(path: string, token?: string) {
  const response = await fetch(`${t.url}/open311/v2/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return read(response);
}

/** A GET as a 311 client sends it: the API key in the query string, no headers. */
async function getWithKey(path: string, key: string) {
  return read(await fetch(`${t.url}/open311/v2/${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(key)}`));
}

async function read(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text,
    json: text.startsWith('[') || text.startsWith('{') ? JSON.parse(text) : null,
  };
}

async function post(fields: Record<string, string>, token: string | null, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('Open311 GeoReport v2: services', () => {
  it("lists the enabled plugins' categories as services grouped by sector, without a key", async () => {
    const { status, json } = await get('services.json');
    expect(status).toBe(200);
    const expected = allPlugins.filter((p) => ['roads', 'housing', 'waste'].includes(p.code)).flatMap((p) => p.categories.map((c) => c.code));
    expect(json.map((s: any) => s.service_code).sort()).toEqual(expected.sort());
    expect(json.find((s: any) => s.service_code === 'roads.potholes')).toMatchObject({
      service_name: expect.any(String),
      group: 'Дороги',
      type: 'realtime',
      metadata: true,
      keywords: expect.stringContaining('яма'),
    });
    expect(json.some((s: any) => s.service_code.startsWith('health.'))).toBe(false);
  });

  it('serves XML too, and a service definition', async () => {
    const xml = await get('services.xml');
    expect(xml.type).toContain('application/xml');
    expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>/);
    expect(xml.text).toContain('<group>ЖКХ</group>');
    const definition = await get('services/housing.heating.json');
    // Attributes are the owning plugin's details fields.
    expect(definition.json.service_code).toBe('housing.heating');
    expect(definition.json.attributes.map((a: any) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['buildingAddress', 'string', false, 1],
      ['apartment', 'string', false, 2],
      ['managementCompanyInn', 'string', false, 3],
      ['accountNumber', 'string', false, 4],
    ]);
    const roads = await get('services/roads.potholes.xml');
    expect(roads.text).toContain('<attributes><attribute><variable>true</variable><code>roadSegmentId</code>');
    expect(roads.text).toContain('<code>kilometer</code><datatype>number</datatype>');
  });

  it("answers errors in the spec's format", async () => {
    expect(await get('services/health.drugs.json')).toMatchObject({ status: 404, json: [{ code: 404, description: expect.stringContaining('health.drugs') }] });
    const xml = await get('services/none.xml');
    expect(xml.status).toBe(404);
    expect(xml.text).toContain('<errors><error><code>404</code><description>');
    // No key reads the public list (below); a key that does not verify is still refused.
    expect(await getWithKey('requests.json', 'forged-key')).toMatchObject({ status: 401, json: [{ code: 401 }] });
    expect(await get('requests.json?start_date=yesterday', cityApp.token)).toMatchObject({
      status: 400,
      json: [{ code: 400, description: expect.stringContaining('start_date') }],
    });
    expect(await get('requests.json?status=done', cityApp.token)).toMatchObject({ status: 400 });
  });
});

describe('Open311 GeoReport v2: discovery and unknown paths', () => {
  it('serves service discovery at /open311/discovery.{json,xml} and beside the endpoint', async () => {
    for (const path of ['open311/discovery.json', 'open311/v2/discovery.json']) {
      const response = await fetch(`${t.url}/${path}`);
      expect(response.status, path).toBe(200);
      const body = (await response.json()) as any;
      expect(body, path).toMatchObject({
        changeset: expect.any(String),
        contact: expect.stringContaining('Центр управления регионом'),
        key_service: expect.any(String),
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${t.url}/open311/v2`, formats: ['application/json', 'text/xml'] }],
      });
    }
    const xml = await fetch(`${t.url}/open311/discovery.xml`);
    const text = await xml.text();
    expect(() => parseXml(text)).not.toThrow();
    expect(text).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
    expect(text).toContain('<formats><format>application/json</format><format>text/xml</format></formats>');
  });

  it('answers every unknown path and method under /open311 with an error array in the asked format', async () => {
    const cases: [string, string, number, 'json' | 'xml'][] = [
      ['GET', 'open311/v2/requests/a/b.json', 404, 'json'],
      ['GET', 'open311/v2/services/x/y.xml', 404, 'xml'],
      ['GET', 'open311/v2/requests', 404, 'json'],
      ['GET', 'open311/v3/services.json', 404, 'json'],
      ['GET', 'open311/nothing.xml', 404, 'xml'],
      ['DELETE', 'open311/v2/requests.json', 405, 'json'],
      ['PUT', 'open311/v2/requests/1.xml', 405, 'xml'],
    ];
    for (const [method, path, code, format] of cases) {
      const response = await fetch(`${t.url}/${path}`, { method });
      const text = await response.text();
      expect(response.status, `${method} ${path}`).toBe(code);
      if (format === 'json') expect(JSON.parse(text), `${method} ${path}`).toEqual([{ code, description: expect.any(String) }]);
      else {
        expect(response.headers.get('content-type'), path).toContain('application/xml');
        expect(parseXml(text).get('code'), `${method} ${path}`).toEqual([String(code)]);
      }
      if (code === 405) expect(response.headers.get('allow')).toContain('GET');
    }
  });

  it('takes attribute[code][] values as a list, and the plugin refuses a list for a single value with the field named', async () => {
    const refused = await post(
      { service_code: 'roads.potholes', description: 'Яма', address_string: 'Волжск', 'attribute[roadName][]': 'Ленина' },
      cityApp.token,
    );
    expect(refused).toMatchObject({ status: 400, json: [{ code: 400, description: expect.stringContaining('roadName') }] });
    expect(await t.em().getConnection().execute("select count(*)::int as n from appeal where text = 'Яма' and address = 'Волжск'")).toEqual([{ n: 0 }]);
  });
});

describe('Open311 GeoReport v2: a client files a request and follows it', () => {
  it('files with its API key, lists, follows to the accepted answer, and sees only its own requests', async () => {
    const services = await getWithKey('services.json', cityKey);
    expect(services.json.map((s: any) => s.service_code)).toContain('roads.potholes');
    const filed = await post(
      {
        api_key: cityKey,
        service_code: 'roads.potholes',
        lat: '56.6344',
        long: '47.8999',
        address_string: 'г. Йошкар-Ола, Ленинский проспект, 24',
        description: 'Глубокая яма у остановки, колёса пробивают.',
        first_name: 'Ирина',
        last_name: 'Соколова',
        email: 'i.sokolova@example.ru',
        phone: '+79021234567',
        'attribute[kilometer]': '12.5',
        'attribute[roadName]': 'Ленинский проспект',
        media_url: 'https://photos.example.ru/pothole-42.jpg',
      },
      null,
      { 'idempotency-key': 'app-42-req-1' },
    );
    expect(filed.status).toBe(201);
    const [kept] = await t.em().getConnection().execute("select raw from channel_record where adapter = 'open311' and appeal_id is not null");
    // The attributes become the plugin's details (numbers as numbers); the key is never kept.
    expect(kept.raw.attributes).toEqual({ kilometer: 12.5, roadName: 'Ленинский проспект' });
    expect(kept.raw.api_key).toBeUndefined();
    expect(JSON.stringify(kept.raw)).not.toContain(cityKey);
    expect(filed.json).toEqual([
      {
        service_request_id: expect.stringMatching(/^12-2026-\d{7}$/),
        service_notice: expect.stringMatching(/^Ответ ожидается до \d\d\.\d\d\.2026, \d\d:\d\d$/),
        account_id: null,
      },
    ]);
    const number = filed.json[0].service_request_id;

    // A retry with the same key files nothing new.
    const retried = await post(
      { api_key: cityKey, service_code: 'roads.potholes', lat: '56.6344', long: '47.8999', description: 'Глубокая яма у остановки, колёса пробивают.' },
      null,
      { 'idempotency-key': 'app-42-req-1' },
    );
    expect(retried.json[0].service_request_id).toBe(number);

    // Taken in through the lifecycle: registered (and routed to a body when the category names one) at once.
    const one = await getWithKey(`requests/${number}.json`, cityKey);
    expect(one.json).toEqual([
      expect.objectContaining({
        service_request_id: number,
        status: 'open',
        service_code: 'roads.potholes',
        description: 'Глубокая яма у остановки, колёса пробивают.',
        lat: 56.6344,
        long: 47.8999,
        address: 'г. Йошкар-Ола, Ленинский проспект, 24',
        requested_datetime: '2026-11-20T12:00:00.000Z',
      }),
    ]);
    expect(one.json[0].status_notes).toMatch(/^(Зарегистрировано|Передано ответственному органу)/);
    // The photo's link is kept; the notice read back is the one given on filing.
    expect(one.json[0]).toMatchObject({ media_url: 'https://photos.example.ru/pothole-42.jpg', service_notice: filed.json[0].service_notice });
    // Open311 is a channel of its own: the appeal says so and the analysts' stats count it apart.
    const [{ channel }] = await t.em().getConnection().execute('select channel from appeal where number = ?', [number]);
    expect(channel).toBe('OPEN311');
    const byChannel = await ok<any[]>(t, '{ stats(groupBy: [CHANNEL]) { group { value label } count } }', {}, staff.admin);
    expect(byChannel.find((row) => row.group[0].value === 'OPEN311')).toMatchObject({ group: [{ label: 'Open311 (приложения города)' }], count: 1 });
    const listed = await getWithKey('requests.json?service_code=roads.potholes&status=open', cityKey);
    expect(listed.json.map((r: any) => r.service_request_id)).toEqual([number]);
    expect((await getWithKey('requests.json', otherKey)).json).toEqual([]);
    expect((await getWithKey(`requests/${number}.json`, otherKey)).status).toBe(404);

    const [{ id }] = await t.em().getConnection().execute('select id from appeal where number = ?', [number]);
    clock.advance(3_600_000);
    await startWork(t, staff, id);
    expect((await getWithKey(`requests/${number}.json`, cityKey)).json[0]).toMatchObject({ status: 'open', status_notes: 'В работе' });
    clock.advance(3_600_000);
    await answerAndAccept(t, staff, id, 'Яма заделана 21.11.2026');
    const answered = await getWithKey(`requests/${id}.xml`, cityKey);
    expect(answered.text).toContain('<status>closed</status>');
    // The accepted answer itself is what a resident following the request reads.
    expect(answered.text).toContain('<status_notes>Дан ответ: Яма заделана 21.11.2026</status_notes>');
    expect((await getWithKey('requests.json?status=closed', cityKey)).json.map((r: any) => r.service_request_id)).toEqual([number]);
    expect((await getWithKey('requests.json?status=open', cityKey)).json).toEqual([]);
    expect((await get(`requests.json?service_request_id=${number}`, staff.specialist)).json).toHaveLength(1);
  });

  it('refuses a key that does not verify', async () => {
    const refused = await post({ api_key: `${cityKey}x`, service_code: 'roads.potholes', description: 'Яма', address_string: 'Волжск' }, null);
    expect(refused.status).toBe(401);
  });

  it("refuses a request without a service, a place or a description, in the spec's format", async () => {
    const noPlace = await post({ service_code: 'roads.potholes', description: 'Яма' }, cityApp.token);
    expect(noPlace).toMatchObject({ status: 400, json: [{ code: 400, description: expect.stringContaining('lat') }] });
    const unknown = await post({ service_code: 'health.drugs', description: 'Нет лекарств', address_string: 'Волжск' }, cityApp.token);
    expect(unknown).toMatchObject({ status: 400, json: [{ code: 400, description: expect.stringContaining('service_code') }] });
    const analyst = (await t.user(Role.ANALYST)).token;
    expect((await post({ service_code: 'roads.potholes', description: 'x', address_string: 'y' }, analyst)).status).toBe(403);
  });
});

/** Parses an XML document as a strict parser does (saxes, the parser exceljs uses); throws on anything not well-formed. */
function parseXml(text: string): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  const parser = new SaxesParser();
  const open: string[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => open.push(tag.name));
  parser.on('closetag', () => open.pop());
  parser.on('text', (value) => {
    const name = open.at(-1);
    if (name) texts.set(name, [...(texts.get(name) ?? []), value]);
  });
  parser.write(text).close();
  return texts;
}

describe('Open311 GeoReport v2: public reads (no key), XML that parses', () => {
  let number: string;
  const DESCRIPTION = 'Яма у дома 5, кв. 12, звоните +7 902 000-11-22, пишите ira@example.ru\u0001\u0008\u000b\u001b\uffff конец';

  beforeAll(async () => {
    const filed = await post(
      { service_code: 'roads.potholes', lat: '56.63', long: '47.90', address_string: 'Волжск, ул. Ленина, 3, кв. 4', description: 'Яма' },
      cityApp.token,
    );
    expect(filed.status).toBe(201);
    number = filed.json[0].service_request_id;
    await t.em().getConnection().execute('update appeal set text = ? where number = ?', [DESCRIPTION, number]);
  });

  it('answers requests.json and requests/{id}.json without a key: public fields, personal data in texts masked', async () => {
    const list = await get('requests.json?service_code=roads.potholes');
    expect(list.status).toBe(200);
    const mine = list.json.find((r: any) => r.service_request_id === number);
    expect(mine).toMatchObject({ service_code: 'roads.potholes', status: 'open', lat: 56.63, long: 47.9, address: 'Волжск, ул. Ленина, 3, кв. ***' });
    expect(mine.description).toBe('Яма у дома 5, кв. ***, звоните [телефон скрыт], пишите [e-mail скрыт]\u0001\u0008\u000b\u001b\uffff конец');
    const one = await get(`requests/${number}.json`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual([mine]);
    const text = JSON.stringify(list.json);
    for (const secret of ['000-11-22', 'ira@example.ru', 'кв. 12', 'кв. 4', 'Ирина', 'Соколова', 'i.sokolova', '+79021234567'])
      expect(text).not.toContain(secret);
    // Only the catalogue's services are public: nothing outside the published categories.
    const published = new Set((await get('services.json')).json.map((s: any) => s.service_code));
    for (const request of list.json) expect(published.has(request.service_code)).toBe(true);
    expect((await get('requests/12-2026-9999999.json')).status).toBe(404);
  });

  it('serves every endpoint as .xml beside .json, and the XML parses even when a text held control characters', async () => {
    for (const path of ['services', 'services/roads.potholes', 'requests', `requests/${number}`]) {
      const json = await get(`${path}.json`);
      const xml = await get(`${path}.xml`);
      expect([json.status, xml.status], path).toEqual([200, 200]);
      expect(xml.type).toContain('application/xml');
      expect(() => parseXml(xml.text), path).not.toThrow();
    }
    const xml = parseXml((await get(`requests/${number}.xml`)).text);
    expect(xml.get('description')).toEqual(['Яма у дома 5, кв. ***, звоните [телефон скрыт], пишите [e-mail скрыт] конец']);
    const error = await get('requests/none.xml');
    expect(error.status).toBe(404);
    expect(() => parseXml(error.text)).not.toThrow();
  });

  it('limits anonymous reads per address (OPEN311_PUBLIC_PER_MINUTE); a caller with a key is not counted there', async () => {
    const limited = await startTestApp({ env: { OPEN311_PUBLIC_PER_MINUTE: '3', TRUST_PROXY: 'true' } });
    try {
      const from = (address: string, path = 'requests.json', key?: string) =>
        fetch(`${limited.url}/open311/v2/${path}${key ? `?api_key=${encodeURIComponent(key)}` : ''}`, { headers: { 'x-forwarded-for': address } });
      for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).status).toBe(200);
      const refused = await from('203.0.113.7', 'services.xml');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('content-type')).toContain('application/xml');
      expect(await refused.text()).toContain('<code>429</code>');
      expect((await from('203.0.113.8')).status).toBe(200);
      const integration = await limited.user(Role.INTEGRATION);
      const keyed = await fetch(`${limited.url}/open311/v2/requests.json`, {
        headers: { 'x-forwarded-for': '203.0.113.7', authorization: `Bearer ${integration.token}` },
      });
      expect(keyed.status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

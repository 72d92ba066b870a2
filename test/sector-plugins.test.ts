/**
 * End to end, for each of the eight sector plugins: its reference query over
 * HTTP, its details on an appeal (validated by the plugin, stored by its
 * toEntity, read through Appeal.<code>), personal data by role, and the whole
 * `appeals` page with every plugin's field at a fixed number of SQL statements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { startTestApp, type TestApp } from './support/test-app.js';
import { Role } from '../core/entities/enums.js';
import { generateBulkAppeals } from '../test/support/bulk-appeals.js';
import { parseSectorDetails, type SectorPlugin } from '../core/plugin-api/index.js';
import { allPlugins } from '../plugins/index.js';
import { identifier, idWhere, insertInto, query, queryOne, sql } from '../core/db/sql.js';

interface PluginCase {
  code: string;
  /** A reference query taking `$municipalityId`, and the list it returns. */
  reference: string;
  list: (data: any) => any[];
  /** The table behind it and whether its rows belong to one municipality. */
  table: string;
  /** Valid details as a client sends them, the selection of Appeal.<code>, and what comes back. */
  input: Record<string, unknown>;
  selection: string;
  expected: Record<string, unknown>;
  /** Fields that are personal data: null for a role without access. */
  personal?: string[];
  /** Details the plugin must refuse, and the field it must name. */
  bad: { input: Record<string, unknown>; field: string };
  /** A details row inserted directly for the N+1 test. */
  row: () => Record<string, unknown>;
}

const connection = (name: string, fields: string) =>
  `query($municipalityId: ID) { list: ${name}(first: 500, filter: { municipalityId: $municipalityId }) { totalCount edges { node { ${fields} } } } }`;
const edges = (data: any) => data.list.edges.map((edge: any) => edge.node);

const cases: PluginCase[] = [
  {
    code: 'housing',
    reference: connection('managementCompanies', 'id name inn demo municipality { code }'),
    list: edges,
    table: 'housing_management_company',
    input: { buildingAddress: 'г. Йошкар-Ола, ул. Панфилова, д. 37', apartment: '12а', managementCompanyInn: '1215748528', accountNumber: '4001234567' },
    selection: 'housing { buildingAddress apartment accountNumber managementCompanyInn managementCompany { name } }',
    expected: {
      buildingAddress: 'г. Йошкар-Ола, ул. Панфилова, д. 37',
      apartment: '12а',
      accountNumber: '4001234567',
      managementCompany: { name: 'ООО «УК «Домострой»' },
    },
    personal: ['apartment', 'accountNumber'],
    bad: { input: { managementCompanyInn: '12157' }, field: 'details.managementCompanyInn' },
    row: () => ({ building_address: 'г. Волжск, ул. Ленина, д. 12', management_company_inn: '1216185613' }),
  },
  {
    code: 'waste',
    reference: connection('containerSites', 'id address latitude longitude containers demo municipality { code }'),
    list: edges,
    table: 'waste_container_site',
    input: { containerSiteId: 'f38b2ffc-80a4-4f5a-91c9-bc701e7ea419', pickupDate: '2026-06-10' },
    selection: 'waste { pickupDate containerSiteAddress containerSite { address } }',
    expected: { pickupDate: '2026-06-10', containerSiteAddress: null, containerSite: { address: 'г. Йошкар-Ола, ул. Панфилова, 37 (двор)' } },
    bad: { input: { pickupDate: '10.06.2026' }, field: 'details.pickupDate' },
    row: () => ({ container_site_id: '5071950e-adec-4f11-bd83-6e77af67d461', pickup_date: '2026-06-01' }),
  },
  {
    code: 'energy',
    reference: 'query($municipalityId: ID) { list: energyCompanies(municipalityId: $municipalityId) { id name shortName kind demo municipalities { code } } }',
    list: (data) => data.list,
    table: 'energy_company',
    input: { meterNumber: '011-2233', accountNumber: '77001234', supplierInn: '1215696975' },
    selection: 'energy { meterNumber accountNumber supplier { shortName kind } }',
    expected: { meterNumber: '011-2233', accountNumber: '77001234', supplier: { shortName: 'Горэлектросети Йошкар-Олы', kind: 'GRID' } },
    personal: ['accountNumber'],
    bad: { input: { meterNumber: 'x' }, field: 'details.meterNumber' },
    row: () => ({ meter_number: '9988776655', supplier_inn: '1216796806' }),
  },
  {
    code: 'education',
    reference: connection('educationInstitutions', 'id name kind address demo municipality { code }'),
    list: edges,
    table: 'education_institution',
    input: { institutionId: '97fcee98-a220-4d7e-aa68-4ab4312ad555', childAge: 7, grade: 1 },
    selection: 'education { childAge grade institution { name kind } }',
    expected: { childAge: 7, grade: 1, institution: { name: 'МБОУ «Средняя общеобразовательная школа № 7 г. Йошкар-Олы»', kind: 'SCHOOL' } },
    bad: { input: { grade: 12 }, field: 'details.grade' },
    row: () => ({ institution_id: '9426875a-2d02-4a4a-a821-5d62af4062c0', grade: 5 }),
  },
  {
    code: 'health',
    reference: connection('medicalOrganizations', 'id code name kind demo municipality { code }'),
    list: edges,
    table: 'health_medical_organization',
    input: { policyNumber: '1234567890123456', specialty: 'терапевт' },
    selection: 'health { policyNumber specialty medicalOrganization { code } }',
    expected: { policyNumber: '1234567890123456', specialty: 'терапевт', medicalOrganization: null },
    personal: ['policyNumber'],
    bad: { input: { policyNumber: '12345' }, field: 'details.policyNumber' },
    row: () => ({ medical_organization_id: idWhere('health_medical_organization', 'code', 'rkb'), specialty: 'хирург' }),
  },
  {
    code: 'roads',
    reference: connection('roadSegments', 'id code name owner kmFrom kmTo demo municipality { code }'),
    list: edges,
    table: 'roads_segment',
    input: { kilometer: 72.5, roadName: 'Р-176 «Вятка»' },
    selection: 'roads { kilometer roadName roadSegment { code } }',
    expected: { kilometer: 72.5, roadName: 'Р-176 «Вятка»', roadSegment: null },
    bad: { input: { kilometer: -1 }, field: 'details.kilometer' },
    row: () => ({ road_segment_id: idWhere('roads_segment', 'code', 'r176-medvedevsky-south'), kilometer: 80 }),
  },
  {
    code: 'transport',
    reference: connection('busRoutes', 'id code number kind fromPoint toPoint demo carrier { name } municipality { code }'),
    list: edges,
    table: 'transport_bus_route',
    input: { routeNumber: '12', stopName: 'Автовокзал', vehicleNumber: 'ав 123 12', tripTime: '2026-06-10T08:30:00+03:00' },
    selection: 'transport { routeNumber stopName vehicleNumber tripTime }',
    expected: { routeNumber: '12', stopName: 'Автовокзал', vehicleNumber: 'АВ12312', tripTime: '2026-06-10T05:30:00.000Z' },
    bad: { input: { vehicleNumber: 'XYZ' }, field: 'details.vehicleNumber' },
    row: () => ({ route_number: '33', stop_name: 'Центральный рынок' }),
  },
  {
    code: 'social',
    reference:
      'query($municipalityId: ID) { list: socialServiceCentres(municipalityId: $municipalityId) { id code name address demo municipality { code } alsoServes { code } } }',
    list: (data) => data.list,
    table: 'social_service_centre',
    input: { measureCode: 'maternity-capital', snils: '123-456-789 01', childrenCount: 3 },
    selection: 'social { snils childrenCount measure { code provider } }',
    expected: { snils: '123-456-789 01', childrenCount: 3, measure: { code: 'maternity-capital', provider: 'OSFR' } },
    personal: ['snils'],
    bad: { input: { measureCode: 'no-such-measure' }, field: 'details.measureCode' },
    row: () => ({ measure_code: 'large-family-support', children_count: 4 }),
  },
];

const pluginOf = (code: string): SectorPlugin => allPlugins.find((plugin) => plugin.code === code)!;

let t: TestApp;
let curator: string;
let analyst: string;
let municipalityIds: Map<string, string>;
const statements: string[] = [];
const NOW = new Date('2026-06-15T12:00:00+03:00');

const appealsOfSector = (code: string) => sql`select a.id from appeal as a join sector as s on s.id = a.sector_id where s.code = ${code} order by a.number`;

async function appealOfSector(code: string, skip = 0): Promise<string> {
  const row = await queryOne<{ id: string }>(t.em(), sql`${appealsOfSector(code)} offset ${skip} limit 1`);
  return row!.id;
}

beforeAll(async () => {
  t = await startTestApp({ onQuery: (sql) => statements.push(sql) });
  await generateBulkAppeals(t.em(), { count: 240, now: NOW, regionCode: '12', calendar: t.running.app.calendar, seed: 11 });
  ({ token: curator } = await t.user(Role.CURATOR));
  ({ token: analyst } = await t.user(Role.ANALYST));
  const list: any = await t.gql('{ municipalities { id code } }', {}, curator);
  municipalityIds = new Map(list.data.municipalities.map((m: any) => [m.code, m.id]));
  // Details rows for every appeal of each sector but the first (kept for the toEntity test).
  for (const c of cases) {
    const table = `${c.code}_details`;
    const ids = await query<{ id: string }>(t.em(), sql`${appealsOfSector(c.code)} offset 1`);
    await query(
      t.em(),
      insertInto(
        table,
        ids.map(({ id }) => ({ appeal_id: id, ...c.row() })),
      ),
    );
  }
});
afterAll(() => t?.stop());

describe.each(cases)('plugin $code', (c) => {
  it('serves its reference data over HTTP, filtered by municipality', async () => {
    const all: any = await t.gql(c.reference, {}, curator);
    expect(all.errors).toBeUndefined();
    const rows = c.list(all.data);
    const { count } = (await queryOne<{ count: string }>(t.em(), sql`select count(*) as count from ${identifier(c.table)}`))!;
    expect(rows.length).toBe(Number(count));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row: any) => typeof row.demo === 'boolean')).toBe(true);
    if (all.data.list.totalCount !== undefined) expect(all.data.list.totalCount).toBe(rows.length);

    const volzhsk: any = await t.gql(c.reference, { municipalityId: municipalityIds.get('volzhsk') }, curator);
    const inVolzhsk = c.list(volzhsk.data);
    expect(inVolzhsk.length).toBeGreaterThan(0);
    expect(inVolzhsk.length).toBeLessThan(rows.length);
    for (const row of inVolzhsk) {
      const codes = [row.municipality?.code, ...(row.municipalities ?? []).map((m: any) => m.code), ...(row.alsoServes ?? []).map((m: any) => m.code)];
      // Energy companies that serve the whole republic list no municipality.
      if (codes.some(Boolean)) expect(codes).toContain('volzhsk');
    }
  });

  it('validates details with its own schema, naming the field at fault', () => {
    const plugin = pluginOf(c.code);
    expect(() => parseSectorDetails(plugin.details!, c.input)).not.toThrow();
    let error: unknown;
    try {
      parseSectorDetails(plugin.details!, c.bad.input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: c.bad.field });
    expect(() => parseSectorDetails(plugin.details!, { ...c.input, noSuchField: 1 })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'details.noSuchField' }) }),
    );
  });

  it("stores details through toEntity and resolves them on the appeal; other sectors' appeals have none", async () => {
    const plugin = pluginOf(c.code);
    const appealId = await appealOfSector(c.code);
    const em = t.em();
    em.persist(plugin.details!.toEntity(appealId, parseSectorDetails(plugin.details!, c.input)));
    await em.flush();

    const other = cases.find((o) => o.code !== c.code)!;
    const otherId = await appealOfSector(other.code);
    const query = `query($id: ID!) { appeal(id: $id) { id ${c.selection} } }`;
    const mine: any = await t.gql(query, { id: appealId }, curator);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.appeal[c.code]).toMatchObject(c.expected);
    const theirs: any = await t.gql(query, { id: otherId }, curator);
    expect(theirs.data.appeal[c.code]).toBeNull();

    const masked: any = await t.gql(query, { id: appealId }, analyst);
    for (const field of c.personal ?? []) {
      expect(mine.data.appeal[c.code][field]).not.toBeNull();
      expect(masked.data.appeal[c.code][field]).toBeNull();
    }
  });
});

describe('all plugins together', () => {
  const selection = cases.map((c) => c.selection).join(' ');
  const PAGE = `query($first: Int) { appeals(first: $first) { edges { node { id sector { code } ${selection} } } } }`;

  async function count(first: number) {
    statements.length = 0;
    const result: any = await t.gql(PAGE, { first }, curator);
    expect(result.errors).toBeUndefined();
    return { sql: statements.filter((s) => /\b(select|with)\b/i.test(s)).length, nodes: result.data.appeals.edges.map((e: any) => e.node) };
  }

  it("resolves every plugin's field on a page of appeals in a fixed number of statements (no N+1)", async () => {
    // The first page reads the reference rows into the process's cache (at most one batch per table).
    const cold = await count(200);
    const small = await count(40);
    const large = await count(200);
    expect(cold.sql).toBeLessThanOrEqual(2 + cases.length * 2 + 4);
    expect(large.nodes).toHaveLength(200);
    for (const c of cases) {
      const withDetails = large.nodes.filter((node: any) => node[c.code] !== null);
      expect(withDetails.length, c.code).toBeGreaterThan(1);
      expect(
        withDetails.every((node: any) => node.sector.code === c.code),
        c.code,
      ).toBe(true);
    }
    expect(new Set(small.nodes.flatMap((node: any) => cases.filter((c) => node[c.code]).map((c) => c.code))).size).toBe(cases.length);
    expect(large.sql).toBe(small.sql);
    // The page and the sector batch, one batch per plugin's details, one per nested reference (at most one each).
    expect(large.sql).toBeLessThanOrEqual(2 + cases.length * 2);
  });

  it('lists the eight sectors with their categories', async () => {
    const result: any = await t.gql('{ sectors { code name categories { code federalCode } kpis { code } rules { code kind } } }', {}, curator);
    expect(result.data.sectors.map((s: any) => s.code).sort()).toEqual(cases.map((c) => c.code).sort());
    for (const sector of result.data.sectors) {
      expect(sector.categories.length, sector.code).toBeGreaterThanOrEqual(8);
      expect(sector.kpis.length, sector.code).toBeGreaterThan(0);
      expect(
        sector.rules.some((r: any) => r.kind === 'ROUTING'),
        sector.code,
      ).toBe(true);
      expect(
        sector.rules.some((r: any) => r.kind === 'DEADLINE'),
        sector.code,
      ).toBe(true);
    }
  });

  it('reseeds reference data in place: a second seed neither duplicates nor changes ids', async () => {
    const snapshot = async () =>
      Promise.all(
        cases.map(async (c) => (await query<{ id: string }>(t.em(), sql`select id from ${identifier(c.table)} order by id`)).map((r) => r.id).join()),
      );
    const before = await snapshot();
    const ctx = {
      em: t.em(),
      demo: false,
      organizationId: async () => {
        throw new Error('unused');
      },
      municipalityId: async (code: string) => municipalityIds.get(code)!,
    };
    const organizationIds: Map<string, string> = new Map(
      (await query<{ id: string; code: string }>(t.em(), sql`select id, code from organization`)).map((r) => [r.code, r.id]),
    );
    for (const plugin of allPlugins) await plugin.seed!({ ...ctx, organizationId: async (code) => organizationIds.get(code)! });
    expect(await snapshot()).toEqual(before);
  });
});

/**
 * The core composes whatever plugins it is given: a ninth plugin written here,
 * in test/, is picked up with no edit in core/ (its sector, category, query,
 * Appeal field, access row and structuring keywords); a schema built with no
 * plugin has no sector type or field, and with one plugin only that one's.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { Appeal, defineSectorPlugin, PLUGIN_API_VERSION, type PluginContext } from '../core/plugin-api/index.js';
import { buildAppSchema } from '../schema/build-schema.js';
import { allPlugins } from '../plugins/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { Role } from '../core/entities/enums.js';

@ObjectType('Park', { description: 'Парк (плагин из теста)' })
class Park {
  @Field(() => String) name!: string;
}

@Resolver(() => Appeal)
class ParksResolver {
  @Query(() => [Park])
  parks(): Park[] {
    return [{ name: 'Парк Победы' }, { name: 'Сквер Чавайна' }];
  }

  @Query(() => [Park], { description: 'Без строки доступа: охранник должен отказать' })
  secretParks(): Park[] {
    return [{ name: 'Закрытый парк' }];
  }

  @FieldResolver(() => String, { nullable: true })
  parksNote(@Root() appeal: Appeal, @Ctx() ctx: PluginContext): string | null {
    return ctx.user ? `парки: ${appeal.number}` : null;
  }
}

const parksPlugin = defineSectorPlugin({
  code: 'parks',
  name: { ru: 'Парки и скверы', en: 'Parks' },
  apiVersion: PLUGIN_API_VERSION,
  resolvers: [ParksResolver],
  access: { 'Query.parks': 'ALL' },
  categories: [
    {
      code: 'parks.benches',
      name: 'Скамейки и урны в парках',
      keywords: ['скамейка в парке', 'парк', 'сквер', 'урна в сквере', 'аллея', 'фонтан в парке'],
    },
  ],
  routing: [{ code: 'parks.to-city', description: 'Парки — администрация муниципалитета', priority: 10, target: { municipalAdministration: true } }],
  deadlines: [
    { code: 'parks.broken-bench', description: 'Сломанная скамейка: 3 рабочих дня', categories: ['parks.benches'], answerWithin: { workingDays: 3 } },
  ],
});

const typeNames = (schema: GraphQLSchema) => new Set(Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('__')));
const fieldsOf = (schema: GraphQLSchema, type: string) => Object.keys((schema.getType(type) as GraphQLObjectType).getFields());

describe('a ninth plugin defined outside core/', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ plugins: [...allPlugins, parksPlugin] });
    ({ token } = await t.user(Role.CURATOR));
  });
  afterAll(() => t?.stop());

  it('is listed among the sectors with its category and rules', async () => {
    const result: any = await t.gql('{ sectors { code name categories { code name } rules { code kind } } }', {}, token);
    expect(result.data.sectors).toHaveLength(9);
    const parks = result.data.sectors.find((s: any) => s.code === 'parks');
    expect(parks).toMatchObject({ name: 'Парки и скверы', categories: [{ code: 'parks.benches', name: 'Скамейки и урны в парках' }] });
    expect(parks.rules.map((r: any) => r.code).sort()).toEqual(['parks.broken-bench', 'parks.to-city']);
  });

  it('answers its query, adds its Appeal field, and is guarded by its own access rows', async () => {
    expect((await t.gql('{ parks { name } }', {}, token)).data).toEqual({ parks: [{ name: 'Парк Победы' }, { name: 'Сквер Чавайна' }] });
    expect((await t.gql('{ secretParks { name } }', {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql('{ parks { name } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const appeals: any = await t.gql('{ appeals(first: 1) { edges { node { id parksNote } } } }', {}, token);
    expect(appeals.errors).toBeUndefined();
  });

  it('takes part in structuring free text', () => {
    const result = t.running.app.structurer.structure('В сквере у фонтана сломаны все скамейки, парк в ужасном состоянии');
    expect(result).toMatchObject({ sectorCode: 'parks', categoryCode: 'parks.benches' });
  });
});

describe('schema composition', () => {
  let core: GraphQLSchema;
  let housingOnly: GraphQLSchema;
  let all: GraphQLSchema;

  beforeAll(async () => {
    // Built in this order on purpose: a build with every plugin first must leave nothing behind in the next ones.
    all = await buildAppSchema(allPlugins);
    core = await buildAppSchema([]);
    housingOnly = await buildAppSchema(allPlugins.filter((plugin) => plugin.code === 'housing'));
  });

  it('with the core only, has no sector type, field or query', () => {
    const names = typeNames(core);
    for (const type of [
      'HousingDetails',
      'ManagementCompany',
      'ApartmentBuilding',
      'ContainerSite',
      'WasteDetails',
      'EnergyCompany',
      'EducationInstitution',
      'MedicalOrganization',
      'RoadSegment',
      'RoadOwner',
      'BusRoute',
      'SocialMeasure',
      'SocialDetails',
    ]) {
      expect(names.has(type), type).toBe(false);
    }
    const appealFields = fieldsOf(core, 'Appeal');
    for (const plugin of allPlugins) expect(appealFields, plugin.code).not.toContain(plugin.code);
    expect(fieldsOf(core, 'Query')).not.toContain('managementCompanies');
  });

  it("with one plugin, has that plugin's types and fields and no other plugin's", () => {
    const added = [...typeNames(housingOnly)].filter((name) => !typeNames(core).has(name)).sort();
    expect(added).toEqual(expect.arrayContaining(['ApartmentBuilding', 'HousingDetails', 'ManagementCompany', 'ManagementCompanyConnection']));
    const appealFields = fieldsOf(housingOnly, 'Appeal');
    expect(appealFields).toContain('housing');
    for (const plugin of allPlugins.filter((p) => p.code !== 'housing')) expect(appealFields, plugin.code).not.toContain(plugin.code);

    // Each plugin's own types, found as what it adds to the core schema, appear with no other plugin.
    for (const name of added) expect(name).toMatch(/^(ManagementCompany|ApartmentBuilding|Housing)/);
    expect(
      fieldsOf(housingOnly, 'Query')
        .filter((f) => !fieldsOf(core, 'Query').includes(f))
        .sort(),
    ).toEqual(['apartmentBuildings', 'managementCompanies']);
  });

  it("with every plugin, is the core plus each plugin's additions and nothing else", async () => {
    const coreNames = typeNames(core);
    const union = new Set(coreNames);
    for (const plugin of allPlugins) {
      const own = [...typeNames(await buildAppSchema([plugin]))].filter((name) => !coreNames.has(name));
      expect(own.length, plugin.code).toBeGreaterThan(0);
      for (const name of own) {
        expect(union.has(name), `${name} is declared by two plugins`).toBe(false);
        union.add(name);
      }
    }
    expect([...typeNames(all)].sort()).toEqual([...union].sort());
    expect(fieldsOf(all, 'Appeal')).toEqual(expect.arrayContaining(allPlugins.map((plugin) => plugin.code)));
  });
});

describe('PLUGINS=housing', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { PLUGINS: 'housing' } });
    ({ token } = await t.user(Role.CURATOR));
  });
  afterAll(() => t?.stop());

  it('serves housing alone: its sector, query and field; the others are absent, not broken', async () => {
    const sectors: any = await t.gql('{ sectors { code } categories { code } }', {}, token);
    expect(sectors.data.sectors).toEqual([{ code: 'housing' }]);
    expect(sectors.data.categories.every((c: any) => c.code.startsWith('housing.'))).toBe(true);
    const companies: any = await t.gql('{ managementCompanies(first: 3) { totalCount } }', {}, token);
    expect(companies.data.managementCompanies.totalCount).toBeGreaterThan(0);
    const waste = await t.gql('{ containerSites(first: 3) { totalCount } }', {}, token);
    expect(waste.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const field = await t.gql('{ appeals(first: 1) { edges { node { housing { buildingAddress } waste { pickupDate } } } } }', {}, token);
    expect(field.errors?.[0]?.message).toMatch(/waste/);
    expect(t.running.app.structurer.structure('Не вывозят мусор, контейнеры переполнены').sectorCode).not.toBe('waste');
  });
});

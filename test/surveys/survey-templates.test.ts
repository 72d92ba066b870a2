/**
 * Sector question templates: plugins declare them in `surveyTemplates`
 * (core/plugin-api), the API lists them and makes a draft of one; the core
 * names no sector. Two of the region's plugins and the ninth-sector fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { housingPlugin } from '../../plugins/housing/index.js';
import { transportPlugin } from '../../plugins/transport/index.js';
import { roadsPlugin } from '../../plugins/roads/index.js';
import { culturePlugin } from '../fixtures/plugins/culture/index.js';
import { must, SURVEY_FIELDS } from './survey-helpers.js';

let t: TestApp;
let specialist: string;
const LIST =
  'query($sector: String) { surveyTemplates(sector: $sector) { code sector sectorName title description questions { code type required options { code text } scaleMin scaleMax } } }';
const FROM = `mutation($code: String!, $title: String, $audience: SurveyAudienceInput) { createSurveyFromTemplate(templateCode: $code, title: $title, audience: $audience) { ${SURVEY_FIELDS} } }`;

/**
 * The ninth sector's templates on the default pack: Mari El has no body that
 * takes the culture plugin's responsible-body role (the load would refuse it,
 * test/regions/responsible-body-role.test.ts), and routing is not what this
 * file tests, so the fixture runs here without that declaration.
 */
const cultureWithoutRole = { ...culturePlugin, responsibleBody: undefined };

beforeAll(async () => {
  t = await startTestApp({ plugins: [housingPlugin, transportPlugin, roadsPlugin, cultureWithoutRole] });
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(() => t?.stop());

describe('survey templates of the sectors', () => {
  it("lists every enabled plugin's templates, with the sector, and filters by sector", async () => {
    const all = (await must(t, LIST, {}, specialist)).surveyTemplates;
    expect(all.map((x: { code: string; sector: string }) => [x.code, x.sector])).toEqual([
      ['housing.heating-quality', 'housing'],
      ['transport.route-satisfaction', 'transport'],
      ['culture.library-visit', 'culture'],
    ]);
    const heating = all[0];
    expect(heating).toMatchObject({ sectorName: housingPlugin.name.ru, title: housingPlugin.surveyTemplates![0].title });
    expect(heating.questions.map((q: { code: string; type: string; required: boolean }) => [q.code, q.type, q.required])).toEqual([
      ['warm', 'SINGLE_CHOICE', true],
      ['outages', 'SINGLE_CHOICE', true],
      ['company', 'SCALE', true],
      ['comment', 'TEXT', false],
    ]);
    const culture = (await must(t, LIST, { sector: 'culture' }, specialist)).surveyTemplates;
    expect(culture.map((x: { code: string }) => x.code)).toEqual(['culture.library-visit']);
    expect((await must(t, LIST, { sector: 'roads' }, specialist)).surveyTemplates).toEqual([]);
  });

  it('makes a draft of a template: its questions, the sector as audience, an own title if given', async () => {
    const survey = (await must(t, FROM, { code: 'transport.route-satisfaction', title: 'Маршрут № 7: мнение пассажиров' }, specialist))
      .createSurveyFromTemplate;
    expect(survey).toMatchObject({ status: 'DRAFT', version: 1, title: 'Маршрут № 7: мнение пассажиров', audience: { sectors: ['transport'] } });
    const template = transportPlugin.surveyTemplates![0];
    expect(survey.questions.map((q: { code: string }) => q.code)).toEqual(template.questions.map((q) => q.code));
    expect(survey.questions[1].options).toEqual(template.questions[1].options);
    expect(survey.questions[2]).toMatchObject({ type: 'SCALE', scaleMin: 1, scaleMax: 10 });
    const ninth = (await must(t, FROM, { code: 'culture.library-visit' }, specialist)).createSurveyFromTemplate;
    expect(ninth).toMatchObject({ title: 'Библиотека глазами читателей', audience: { sectors: ['culture'] } });
  });

  it("shows a sector role its own sectors' templates only; another sector's template is not found", async () => {
    const housingLead = (await t.user(Role.SECTOR_LEAD, { sectors: ['housing'] })).token;
    const seen = (await must(t, LIST, {}, housingLead)).surveyTemplates;
    expect(seen.map((x: { code: string }) => x.code)).toEqual(['housing.heating-quality']);
    const made = (await must(t, FROM, { code: 'housing.heating-quality' }, housingLead)).createSurveyFromTemplate;
    expect(made.audience.sectors).toEqual(['housing']);
    const refused = await t.gql(FROM, { code: 'transport.route-satisfaction' }, housingLead);
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(FROM, { code: 'housing.nothing' }, specialist)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const analyst = (await t.user(Role.ANALYST)).token;
    expect((await t.gql(LIST, {}, analyst)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a plugin whose template would not make a valid survey, or is not named after the plugin', () => {
    const base = { code: 'parks', name: { ru: 'Парки', en: 'Parks' }, apiVersion: PLUGIN_API_VERSION, categories: [] };
    const question = {
      code: 'q',
      text: 'Нравится ли парк?',
      type: 'SINGLE_CHOICE' as const,
      options: [
        { code: 'yes', text: 'Да' },
        { code: 'no', text: 'Нет' },
      ],
    };
    expect(() => defineSectorPlugin({ ...base, surveyTemplates: [{ code: 'parks.visit', title: 'Парки', questions: [question] }] })).not.toThrow();
    expect(() => defineSectorPlugin({ ...base, surveyTemplates: [{ code: 'housing.visit', title: 'Парки', questions: [question] }] })).toThrow(
      /must start with "parks\."/,
    );
    expect(() =>
      defineSectorPlugin({ ...base, surveyTemplates: [{ code: 'parks.visit', title: 'Парки', questions: [{ ...question, options: [question.options[0]] }] }] }),
    ).toThrow(/template\.questions\.0\.options/);
    expect(() =>
      defineSectorPlugin({
        ...base,
        surveyTemplates: [{ code: 'parks.visit', title: 'Парки', questions: [{ code: 's', text: 'Оценка', type: 'SCALE', scaleMin: 5, scaleMax: 1 }] }],
      }),
    ).toThrow(/scaleMax/);
  });
});

/**
 * Survey figures (issue 17): responses accepted per second over HTTP, one
 * at a time through submitSurveyResponse with pre-issued one-use links and
 * in batches through importSurveyResponses, into one survey of
 * BENCH_RESPONSES (default 100,000) responses; then the time to compute its
 * results (all questions, by municipality, weighted and not).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:surveys
 * BENCH_SUBMITS (default 3,000) of the responses go through links, the rest
 * through imports; BENCH_RESPONSES=20000 for a quick run. The machine is
 * shared: each figure comes with a reference measured in the same run (the
 * HTTP floor: a trivial authenticated GraphQL query, `{ me { id } }`, in
 * rounds alternating with the submissions; a plain count of the survey's
 * answers for results) and the load average.
 */
import { readFileSync } from 'node:fs';
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { startApp } from '../core/server/start-app.js';
import { createScratchDatabase } from '../core/db/scratch-database.js';
import { pgQuery } from '../core/db/pg-query.js';
import { Role } from '../core/entities/enums.js';
import { allPlugins } from '../plugins/index.js';
import { surveyResults } from '../core/surveys/survey-results.service.js';
import { Survey } from '../core/surveys/survey.entity.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 100_000);
const SUBMITS = Math.min(RESPONSES, Number(process.env.BENCH_SUBMITS ?? 3_000));
const ROUNDS = 3;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`load average at start: ${loadavg()}`);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BATCH = 5_000;

const scratchDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'cur-bench-'));
const database = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'cur_bench') : null;
const config = loadConfig({
  PORT: '0',
  DEMO: '0',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'bench-secret-at-least-16-chars',
  RATE_LIMIT_PER_MINUTE: '0',
  RATE_LIMIT_PER_IP_PER_MINUTE: '0',
  DEADLINE_WATCH_INTERVAL_SECONDS: '0',
  ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0',
  ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: scratchDir! }),
});
const running = await startApp({ config, plugins: allPlugins, logger: createLogger('silent') });
const seconds = (ms: number) => (ms / 1000).toFixed(1);
try {
  const em = running.app.orm.em.fork() as EntityManager;
  const [user] = await pgQuery<{ id: string }>(
    em,
    `insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
    values (gen_random_uuid(), 'bench-surveys@local', '!', 'Bench', 'CENTER_SPECIALIST', '{}', (select id from organization where code = 'cur')) returning id`,
    [],
  );
  const token = running.app.tokens.issue({ id: user.id, role: Role.CENTER_SPECIALIST, organizationId: null, sectors: [] }, new Date());
  const gql = async (query: string, variables: Record<string, unknown>, auth = true) => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data;
  };
  const places = await pgQuery<{ id: string }>(em, 'select id from municipality order by code', []);
  const created = (
    await gql(`mutation($input: SurveyInput!) { createSurvey(input: $input) { id version } }`, {
      input: {
        title: 'Бенчмарк: качество услуг ЖКХ',
        questions: [
          {
            code: 'satisfied',
            text: 'Довольны ли вы?',
            type: 'SINGLE_CHOICE',
            options: [
              { code: 'yes', text: 'Да' },
              { code: 'no', text: 'Нет' },
              { code: 'unsure', text: 'Не знаю' },
            ],
          },
          {
            code: 'issues',
            text: 'Что беспокоит?',
            type: 'MULTIPLE_CHOICE',
            required: false,
            options: ['a', 'b', 'c', 'd', 'e'].map((code) => ({ code, text: code })),
          },
          { code: 'score', text: 'Оценка', type: 'SCALE', scaleMin: 1, scaleMax: 10 },
          { code: 'comment', text: 'Комментарий', type: 'TEXT', required: false },
        ],
      },
    })
  ).createSurvey;
  const opened = (await gql('mutation($id: ID!, $v: Int!) { openSurvey(id: $id, expectedVersion: $v) { id } }', { id: created.id, v: created.version }))
    .openSurvey;
  const surveyId: string = opened.id;
  const answersOf = (i: number) => {
    const answers: Record<string, unknown>[] = [
      { questionCode: 'satisfied', optionCodes: [['yes', 'no', 'unsure'][i % 3]] },
      { questionCode: 'score', value: 1 + ((i * 7) % 10) },
    ];
    if (i % 2 === 0)
      answers.push({
        questionCode: 'issues',
        optionCodes: ['a', 'b', 'c', 'd', 'e']
          .filter((_, j) => (i >> j) & 1)
          .concat('a')
          .filter((c, j, all) => all.indexOf(c) === j),
      });
    if (i % 20 === 0) answers.push({ questionCode: 'comment', text: `Комментарий жителя номер ${i}` });
    return answers;
  };

  // 1. Links, issued ahead (10,000 per call at most).
  let started = Date.now();
  const tokens: string[] = [];
  while (tokens.length < SUBMITS) {
    const count = Math.min(running.app.config.SURVEY_LINKS_MAX, SUBMITS - tokens.length);
    const links = (await gql('mutation($id: ID!, $n: Int) { issueSurveyLinks(surveyId: $id, count: $n) { token } }', { id: surveyId, n: count }))
      .issueSurveyLinks;
    tokens.push(...links.map((l: { token: string }) => l.token));
  }
  console.log(`links issued: ${tokens.length} in ${seconds(Date.now() - started)} s`);

  // 2. Submissions one by one over HTTP, CONCURRENCY at a time, anonymous as residents are; in
  //    rounds alternating with the same server's floor: a trivial authenticated query, as many.
  const SUBMIT = 'mutation($t: String!, $a: [SurveyAnswerInput!]!, $m: ID) { submitSurveyResponse(token: $t, answers: $a, municipalityId: $m) { accepted } }';
  const burst = async (count: number, send: (i: number) => Promise<unknown>) => {
    let next = 0;
    const at = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) await send(next++);
      }),
    );
    return Date.now() - at;
  };
  let floorMs = 0;
  let submitMs = 0;
  let done = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const count = Math.floor(SUBMITS / ROUNDS) + (round < SUBMITS % ROUNDS ? 1 : 0);
    floorMs += await burst(count, () => gql('{ me { id } }', {}));
    const from = done;
    submitMs += await burst(count, (i) => gql(SUBMIT, { t: tokens[from + i], a: answersOf(from + i), m: places[(from + i) % places.length].id }, false));
    done += count;
  }
  const floorRate = SUBMITS / (floorMs / 1000);
  const submitRate = SUBMITS / (submitMs / 1000);
  console.log(`HTTP floor: ${SUBMITS} authenticated { me { id } } in ${seconds(floorMs)} s = ${Math.round(floorRate)} requests/s`);
  console.log(
    `submitSurveyResponse: ${SUBMITS} responses in ${seconds(submitMs)} s = ${Math.round(submitRate)} responses/s = ${(submitRate / floorRate).toFixed(2)} × the floor (HTTP, ${CONCURRENCY} concurrent, one-use links; load ${loadavg()})`,
  );

  // 3. The rest through imports, BATCH rows a call.
  const IMPORT = 'mutation($id: ID!, $rows: [SurveyResponseRowInput!]!) { importSurveyResponses(surveyId: $id, rows: $rows) { created failed } }';
  started = Date.now();
  let imported = 0;
  for (let from = SUBMITS; from < RESPONSES; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, RESPONSES - from) }, (_, k) => ({
      rowKey: `row-${from + k}`,
      municipalityId: places[(from + k) % places.length].id,
      answers: answersOf(from + k),
    }));
    const result = (await gql(IMPORT, { id: surveyId, rows })).importSurveyResponses;
    if (result.failed) throw new Error(`import refused ${result.failed} rows`);
    imported += result.created;
  }
  const importMs = Date.now() - started;
  if (imported)
    console.log(
      `importSurveyResponses: ${imported} responses in ${seconds(importMs)} s = ${Math.round(imported / (importMs / 1000))} responses/s (HTTP, ${BATCH} rows a call; load ${loadavg()})`,
    );

  // 4. Results of the whole survey: the service, then the GraphQL query over HTTP.
  const survey = await em.findOneOrFail(Survey, surveyId);
  const [{ n }] = await pgQuery<{ n: number }>(em, 'select count(*)::int as n from survey_response where survey_id = $1', [surveyId]);
  await pgQuery(em, 'vacuum analyze survey_answer', []);
  const time = async (run: () => Promise<unknown>, times = 7) => {
    await run();
    const ms: number[] = [];
    for (let i = 0; i < times; i++) {
      const at = performance.now();
      await run();
      ms.push(performance.now() - at);
    }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(ms.length / 2)].toFixed(0), max: ms.at(-1)!.toFixed(0) };
  };
  const plain = await time(() => surveyResults(running.app.orm.em.fork() as EntityManager, survey));
  const weighted = await time(() => surveyResults(running.app.orm.em.fork() as EntityManager, survey, { weighted: true }));
  const RESULTS = `query($id: ID!, $w: Boolean) { survey(id: $id) { results(weighted: $w) { responseCount questions { code answered mean meanLow meanHigh options { code count share low high } texts(first: 20) }
    byMunicipality { municipalityId responseCount questions { code answered options { count share } } } } } }`;
  const http = await time(() => gql(RESULTS, { id: surveyId, w: true }));
  // The reference: the least any result computed from the stored answers would cost, one count over them.
  const scan = await time(() => pgQuery(running.app.orm.em.fork() as EntityManager, 'select count(*) from survey_answer where survey_id = $1', [surveyId]));
  console.log(
    `results of ${n} responses: service ${plain.median} ms median (max ${plain.max}), weighted ${weighted.median} ms (max ${weighted.max}); GraphQL over HTTP with texts and ${places.length} municipalities ${http.median} ms (max ${http.max})`,
  );
  console.log(`  reference: a bare count(*) of the survey's answers takes ${scan.median} ms median (max ${scan.max}) now; load ${loadavg()}`);
} finally {
  await running.stop();
  await database?.drop();
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
}

// ESLint flat config: the recommended rules of @eslint/js and typescript-eslint
// (syntax only, not type-aware, so that `npm test` stays quick), and a few
// that matter here. Formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// One rule for SQL (docs/sql.md): no knex. `core/db/knex-seam.ts` is the one file that may touch
// MikroORM's/knex's internals (a transaction's connection, the ORM's connection settings).
const KNEX_SEAM = ['core/db/knex-seam.ts'];

// TEMPORARY: files still on knex while their owners move them to core/db/sql.ts. This list may
// only shrink; it is emptied (and deleted) when the last of them is converted.
const KNEX_BEING_REMOVED = [
  'core/analytics/analytics-context.ts',
  'core/analytics/conflicts.resolver.ts',
  'core/analytics/conflicts.service.ts',
  'core/analytics/kpi-conditions.ts',
  'core/analytics/monthly-report/report-lateness.ts',
  'core/analytics/monthly-report/report.service.ts',
  'core/analytics/problems.resolver.ts',
  'core/analytics/problems.service.ts',
  'core/analytics/ratings.figures.ts',
  'core/analytics/ratings.service.ts',
  'core/analytics/rollup/rollup-plan.ts',
  'core/analytics/rollup/rollup-query.ts',
  'core/analytics/rollup/rollup-stats.ts',
  'core/analytics/stats.service.ts',
  'core/analytics/workload.service.ts',
  'core/announcements/announcement-query.service.ts',
  'core/channels/channel-ingest.service.ts',
  'core/channels/import-job.resolver.ts',
  'core/channels/import-job.service.ts',
  'core/channels/official-page.resolver.ts',
  'core/channels/pos-outbox.service.ts',
  'core/lifecycle/appeal-lock.ts',
  'core/lifecycle/reference-directory.ts',
  'core/reference/organization.resolver.ts',
  'core/reference/reference-cache.ts',
  'test/analytics/fixture.ts',
];

const KNEX_MESSAGE = 'SQL by hand goes through core/db/sql.ts (sql`...`, query, queryOne); aggregates through the EntityManager (docs/sql.md).';
const noKnex = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'knex', message: KNEX_MESSAGE },
        { name: '@mikro-orm/knex', message: KNEX_MESSAGE },
        { name: '@mikro-orm/postgresql', importNames: ['Knex', 'knex'], message: KNEX_MESSAGE },
        { name: '@mikro-orm/core', importNames: ['Knex', 'knex'], message: KNEX_MESSAGE },
      ],
    },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "MemberExpression[property.name='getKnex']", message: KNEX_MESSAGE },
    { selector: "Identifier[name='pgQueryOf']", message: KNEX_MESSAGE },
  ],
};

export default tseslint.config(
  { ignores: ['.dependency-cruiser.cjs', 'node_modules/', 'bench/postgraphile/', 'bench/data/', 'migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `const self = this` inside an object of callbacks (Apollo plugins, WebSocket subclasses).
      '@typescript-eslint/no-this-alias': 'off',
      // type-graphql resolvers and entity lists are typed as `Function` by the library.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // A generic plugin (SectorPlugin<any>) and JSON from the wire are typed any on purpose in a few places.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.ts'], ignores: [...KNEX_SEAM, ...KNEX_BEING_REMOVED], rules: noKnex },
  {
    // The core logs through pino (core/logging); the console is for the command line, tests and benches.
    files: ['core/**/*.ts'],
    ignores: ['core/main.ts', 'core/cli/**', 'core/**/*.test.ts', 'core/structuring/train/**'],
    rules: { 'no-console': 'error' },
  },
);

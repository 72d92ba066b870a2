// ESLint flat config: the recommended rules of @eslint/js and typescript-eslint
// (syntax only, not type-aware, so that `npm test` stays quick), and a few
// that matter here. Formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// One rule for SQL (docs/sql.md): no knex. `core/db/knex-seam.ts` is the one file that may touch
// MikroORM's/knex's internals (a transaction's connection, the ORM's connection settings).
const KNEX_SEAM = ['core/db/knex-seam.ts'];

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
  { files: ['**/*.ts'], ignores: [...KNEX_SEAM], rules: noKnex },
  {
    // The core logs through pino (core/logging); the console is for the command line, tests and benches.
    files: ['core/**/*.ts'],
    ignores: ['core/main.ts', 'core/cli/**', 'core/**/*.test.ts', 'core/structuring/train/**'],
    rules: { 'no-console': 'error' },
  },
);

/**
 * The import boundaries, checked by `npm run lint:deps` (part of `npm test`).
 * docs/architecture.md explains each rule; a rule broken is a build broken.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment:
        'Folders of core/ form layers: no folder may reach itself again through imports (type-only imports count). ' +
        "A folder's imports include its subfolders': a subfolder may not reach its parent's importers either.",
      severity: 'error',
      scope: 'folder',
      from: { path: '^core/' },
      to: { circular: true },
    },
    {
      name: 'plugin-imports-only-plugin-api',
      comment: 'A sector plugin (plugins/<code>/, or a test fixture plugin) may import from the core only core/plugin-api.',
      severity: 'error',
      from: { path: '^(plugins|test/fixtures/plugins)/[^/]+/' },
      to: { path: '^core/', pathNot: '^core/plugin-api/' },
    },
    {
      name: 'plugin-imports-no-other-plugin',
      comment: 'A plugin is one folder: it does not import another plugin.',
      severity: 'error',
      from: { path: '^plugins/([^/]+)/' },
      to: { path: '^plugins/', pathNot: ['^plugins/$1/'] },
    },
    {
      name: 'deadlines-stay-pure',
      comment: 'core/deadlines is the pure deadline engine: nothing from the database, GraphQL, the app or any other core folder.',
      severity: 'error',
      from: { path: '^core/deadlines/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(core|plugins|schema)/', pathNot: '^core/deadlines/' },
    },
    {
      name: 'core-does-not-name-plugins',
      comment:
        'The core never imports a plugin. Only the entry points (core/main.ts, the commands in core/cli/, the model trainer) ' +
        'import the one list, plugins/index.ts, and hand it to the app.',
      severity: 'error',
      from: { path: '^core/', pathNot: ['^core/main\\.ts$', '^core/cli/', '^core/structuring/train/train-model\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^plugins/' },
    },
    {
      name: 'entry-points-use-the-plugin-list',
      comment: 'Where the core does name plugins (its entry points), it takes the list, not one plugin.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^plugins/', pathNot: '^plugins/index\\.ts$' },
    },
    {
      name: 'no-test-imports-from-bench',
      comment: 'Tests do not depend on benchmarks (a bench may use test/support).',
      severity: 'error',
      from: { path: '^(test|core|plugins|schema)/' },
      to: { path: '^bench/' },
    },
    {
      name: 'source-does-not-import-tests',
      comment: 'Shipped code (core, plugins, schema) imports nothing from test/ or from test files.',
      severity: 'error',
      from: { path: '^(core|plugins|schema)/', pathNot: ['\\.test\\.ts$', '^core/deadlines/test-helpers\\.ts$'] },
      to: { path: ['^test/', '\\.test\\.ts$'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Unit tests beside the core's code may import across folders (a test is not a layer).
    exclude: { path: ['^node_modules/', '^bench/postgraphile/', '^core/.+\\.test\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      exportsFields: ['exports'],
    },
  },
};

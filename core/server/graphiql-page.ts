import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** GraphiQL and React, served from the installed packages: no CDN, works offline. */
const ASSETS: Record<string, string> = {
  'react.js': join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': join(packageDir('graphiql'), 'graphiql.min.css'),
};

export const GRAPHIQL_ASSETS_PATH = '/graphiql-assets';

const PAGE = `<!doctype html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <title>ЦУР API — GraphiQL</title>
  <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/graphiql.css">
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Загрузка…</div>
  <script src="${GRAPHIQL_ASSETS_PATH}/react.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/react-dom.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/graphiql.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/start.js"></script>
</body>
</html>`;

/**
 * Starts GraphiQL: a file, not an inline script, so the page's CSP allows no
 * inline script at all (core/server/security-headers.ts). Headers (the token)
 * are not persisted: a token in localStorage is readable by any script that
 * ever runs on this origin, and stays after the tab is closed. Tokens that an
 * earlier version persisted are removed.
 */
const START = `// Paste a token from the login mutation into the Headers tab: {"Authorization": "Bearer ..."}
try { localStorage.removeItem('graphiql:headers'); } catch (e) {}
const fetcher = GraphiQL.createFetcher({ url: location.pathname });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: false,
    defaultQuery: 'mutation Login {\\n  login(email: "analyst@demo.local", password: "demo") { token }\\n}\\n',
  }),
);
`;

export function graphiqlAssets(): Router {
  const router = express.Router();
  for (const [name, file] of Object.entries(ASSETS)) {
    router.get(`/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
  }
  router.get('/start.js', (_req, res) => res.type('text/javascript').send(START));
  return router;
}

/** True when a browser navigates to the endpoint (it asks for HTML, not JSON). */
export function wantsGraphiql(req: express.Request): boolean {
  return req.method === 'GET' && !req.query.query && Boolean(req.accepts(['application/json', 'text/html']) === 'text/html');
}

export const graphiqlPage = () => PAGE;

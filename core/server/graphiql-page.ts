import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GRAPHIQL_LOGIN_SCRIPT } from './graphiql-login.js';

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
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
    #cur-login { flex: none; padding: 6px 12px; border-bottom: 1px solid #ddd; font-size: 14px; }
    #cur-login form, #cur-login { display: flex; gap: 8px; align-items: center; }
    #cur-login .cur-error { color: #b00020; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <div id="cur-login"></div>
  <div id="graphiql">Загрузка…</div>
  <script src="${GRAPHIQL_ASSETS_PATH}/react.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/react-dom.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/graphiql.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/login.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/start.js"></script>
</body>
</html>`;

/**
 * Starts GraphiQL: a file, not an inline script, so the page's CSP allows no
 * inline script at all (core/http/security-headers.ts). Headers (the token)
 * are not persisted: a token in localStorage is readable by any script that
 * ever runs on this origin, and stays after the tab is closed. Tokens that an
 * earlier version persisted are removed. The sign-in bar above the editor
 * (core/server/graphiql-login.ts) adds the token to each request.
 */
const START = `// Sign in with the bar above the editor, or set {"Authorization": "Bearer ..."} in the Headers tab.
try { localStorage.removeItem('graphiql:headers'); } catch (e) {}
curLogin.mountForm(document.getElementById('cur-login'));
const fetcher = curLogin.withToken(GraphiQL.createFetcher({ url: location.pathname }));
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: false,
    defaultQuery: '# Войдите в строке сверху (например, analyst@demo.local / demo) и выполните запрос.\\n{\\n  me { email role }\\n  sectors { code name }\\n}\\n',
  }),
);
`;

export function graphiqlAssets(): Router {
  const router = express.Router();
  for (const [name, file] of Object.entries(ASSETS)) {
    router.get(`/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
  }
  router.get('/start.js', (_req, res) => res.type('text/javascript').send(START));
  router.get('/login.js', (_req, res) => res.type('text/javascript').send(GRAPHIQL_LOGIN_SCRIPT));
  return router;
}

/** True when a browser navigates to the endpoint (it asks for HTML, not JSON). */
export function wantsGraphiql(req: express.Request): boolean {
  return req.method === 'GET' && !req.query.query && Boolean(req.accepts(['application/json', 'text/html']) === 'text/html');
}

export const graphiqlPage = () => PAGE;

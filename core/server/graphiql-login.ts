/**
 * The sign-in bar of the GraphiQL page, served as `/graphiql-assets/login.js`
 * (a file, so the page's CSP still allows no inline script). An analyst
 * signs in with e-mail and password; the token is kept in this script's
 * memory and added to every request GraphiQL sends, unless the Headers tab
 * sets an Authorization of its own. Nothing is stored unless asked: the box
 * «Помнить в этой вкладке» keeps it in sessionStorage, which the browser
 * forgets when the tab is closed (never localStorage).
 *
 * `window.curLogin` = { signIn, signOut, withToken, state, mountForm };
 * test/foundation/graphiql-login.test.ts runs this very text against a server.
 */
export const GRAPHIQL_LOGIN_SCRIPT = String.raw`(function (global) {
  'use strict';
  var STORE_KEY = 'cur:graphiql:session';
  var LOGIN = 'mutation CurGraphiqlLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token user { email role } } }';
  var state = { token: null, email: null, role: null };
  function store() {
    try { return global.sessionStorage || null; } catch (e) { return null; }
  }
  var saved = null;
  try { saved = JSON.parse((store() && store().getItem(STORE_KEY)) || 'null'); } catch (e) { saved = null; }
  if (saved && typeof saved.token === 'string') { state.token = saved.token; state.email = saved.email; state.role = saved.role; }

  function endpoint() { return global.location.origin + global.location.pathname; }

  function signIn(email, password, remember) {
    return global.fetch(endpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { email: email, password: password } }),
    }).then(function (response) { return response.json(); }).then(function (body) {
      if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
      var login = body.data.login;
      state.token = login.token; state.email = login.user.email; state.role = login.user.role;
      var s = store();
      if (s) { if (remember) s.setItem(STORE_KEY, JSON.stringify(state)); else s.removeItem(STORE_KEY); }
      return { email: state.email, role: state.role };
    });
  }

  function signOut() {
    state.token = null; state.email = null; state.role = null;
    var s = store();
    if (s) s.removeItem(STORE_KEY);
  }

  function withToken(fetcher) {
    return function (params, options) {
      var headers = {};
      var given = (options && options.headers) || {};
      var own = false;
      Object.keys(given).forEach(function (key) { headers[key] = given[key]; if (key.toLowerCase() === 'authorization') own = true; });
      if (state.token && !own) headers.Authorization = 'Bearer ' + state.token;
      var next = {};
      Object.keys(options || {}).forEach(function (key) { next[key] = options[key]; });
      next.headers = headers;
      return fetcher(params, next);
    };
  }

  function el(doc, tag, attrs, text) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function mountForm(root) {
    var doc = root.ownerDocument;
    function render(message) {
      root.textContent = '';
      if (state.token) {
        root.appendChild(el(doc, 'span', {}, 'Вы вошли: ' + state.email + ' (' + state.role + ')'));
        var out = el(doc, 'button', { type: 'button' }, 'Выйти');
        out.addEventListener('click', function () { signOut(); render(''); });
        root.appendChild(out);
        return;
      }
      var form = el(doc, 'form', { autocomplete: 'on' });
      var email = el(doc, 'input', { type: 'email', name: 'email', placeholder: 'e-mail', required: 'required', autocomplete: 'username' });
      var password = el(doc, 'input', { type: 'password', name: 'password', placeholder: 'пароль', required: 'required', autocomplete: 'current-password' });
      var remember = el(doc, 'input', { type: 'checkbox', name: 'remember', id: 'cur-remember' });
      form.appendChild(email);
      form.appendChild(password);
      form.appendChild(el(doc, 'button', { type: 'submit' }, 'Войти'));
      form.appendChild(remember);
      form.appendChild(el(doc, 'label', { for: 'cur-remember' }, 'Помнить в этой вкладке'));
      if (message) form.appendChild(el(doc, 'span', { role: 'alert', class: 'cur-error' }, message));
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        signIn(email.value, password.value, remember.checked).then(function () { render(''); }, function (error) { render(error.message); });
      });
      root.appendChild(form);
    }
    render('');
  }

  global.curLogin = { signIn: signIn, signOut: signOut, withToken: withToken, state: state, mountForm: mountForm };
})(typeof window !== 'undefined' ? window : globalThis);
`;

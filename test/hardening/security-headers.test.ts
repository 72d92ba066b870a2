import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

/** The directives of a Content-Security-Policy header, by name. */
function csp(header: string | null): Record<string, string[]> {
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  it('GraphiQL: no framing, scripts from this origin only (no inline script), nosniff', async () => {
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = csp(page.headers.get('content-security-policy'));
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // Every script is a file (an inline one would be blocked by the policy).
    const html = await page.text();
    for (const script of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(script[1]).toMatch(/src="\/graphiql-assets\//);
      expect(script[2].trim()).toBe('');
    }
  });

  it('GraphiQL keeps no token in localStorage', async () => {
    const start = await (await fetch(`${t.url}/graphiql-assets/start.js`)).text();
    expect(start).toContain('shouldPersistHeaders: false');
    expect(start).not.toContain('shouldPersistHeaders: true');
    expect(start).toContain("localStorage.removeItem('graphiql:headers')");
  });

  it('JSON answers: nosniff and a policy that allows nothing', async () => {
    const response = await t.gql('{ __typename }');
    expect(response.data).toEqual({ __typename: 'Query' });
    const raw = await fetch(`${t.url}/health`);
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = csp(raw.headers.get('content-security-policy'));
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
  });

  it('the HTML report: no framing, no script, its own inline style only', async () => {
    const { token } = await t.user(Role.CENTER_HEAD);
    const response = await fetch(`${t.url}/reports/monthly/2026-05.html`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = csp(response.headers.get('content-security-policy'));
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toBeUndefined();
  });
});

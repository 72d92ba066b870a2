import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { spawn } from 'node:child_process';
import { createScratchDatabase } from '../../core/db/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * `npm run user:create`: the first administrator of a deployment without the
 * demo (issue 15 item 2), through the real CLI against a real database.
 */
let database: { url: string; drop(): Promise<void> };
let t: TestApp | undefined;

beforeAll(async () => {
  database = await createScratchDatabase(inject('dbServerUrl'), 'cur_cli', inject('dbTemplate'));
});
afterAll(async () => {
  await t?.stop();
  await database?.drop();
});

function createUser(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/cli/create-user.ts', ...args], {
      env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test', JWT_SECRET: 'cli-test-secret-0123456789', LOG_LEVEL: 'silent', DEMO: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { role email } } }`;

describe('npm run user:create', () => {
  it('creates the first ADMIN with a generated password, printed once, that signs in', { timeout: 120_000 }, async () => {
    const result = await createUser(['--email', 'First.Admin@Region.test', '--role', 'ADMIN', '--name', 'Первый администратор']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(result.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{24}$/);
    t = await startTestApp({ databaseUrl: database.url });
    const login = await t.gql(LOGIN, { email: 'first.admin@region.test', password });
    expect(login.errors).toBeUndefined();
    expect(login.data.login.user).toEqual({ role: 'ADMIN', email: 'first.admin@region.test' });
  });

  it('takes the password from standard input and applies the same checks as createUser', { timeout: 180_000 }, async () => {
    const chosen = 'Длинный-и-свой-пароль-2026';
    const ok = await createUser(
      ['--email', 'operator.cli@region.test', '--role', 'ORG_OPERATOR', '--organization', 'adm-yoshkar-ola', '--password-stdin'],
      `${chosen}\n`,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).not.toContain('shown once');
    t ??= await startTestApp({ databaseUrl: database.url });
    const login = await t.gql(LOGIN, { email: 'operator.cli@region.test', password: chosen });
    expect(login.data?.login.user.role).toBe('ORG_OPERATOR');

    // Each run starts a process that loads the whole server: run the refusals side by side.
    const [again, short, noBody, badRole] = await Promise.all([
      createUser(['--email', 'operator.cli@region.test', '--role', 'ADMIN']),
      createUser(['--email', 'short@region.test', '--role', 'ADMIN', '--password-stdin'], 'abc'),
      createUser(['--email', 'nobody@region.test', '--role', 'ORG_OPERATOR']),
      createUser(['--email', 'x@region.test', '--role', 'KING']),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^user:create: .*e-mail.*\(--email\)\n$/);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('(--password)');
    expect(noBody.code).toBe(1);
    expect(noBody.stderr).toContain('(--organizationId)');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role must be one of');
  });
});
